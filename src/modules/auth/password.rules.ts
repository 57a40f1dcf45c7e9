import { badUserInput } from "../../platform/errors.js";

export const PASSWORD_MIN = 8;
/** An upper bound keeps hashing cost bounded; 256 is ample for passphrases and managers. */
export const PASSWORD_MAX = 256;

/** A new password's rules; sign-in does not apply them, so old passwords keep working. */
export function validateNewPassword(password: string, field: string): string {
  if (password.length < PASSWORD_MIN) throw badUserInput(field, `must be at least ${PASSWORD_MIN} characters`);
  if (password.length > PASSWORD_MAX) throw badUserInput(field, `must be at most ${PASSWORD_MAX} characters`);
  return password;
}
