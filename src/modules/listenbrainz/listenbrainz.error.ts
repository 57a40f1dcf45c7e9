import { MAX_REQUEST_BYTES } from "./listenbrainz.limits.js";

/**
 * An answer in ListenBrainz's error shape, `{"code": <status>, "error": "<message>"}`; messages
 * follow ListenBrainz's own where clients might show or match them.
 */
export class ListenBrainzError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 405 | 429 | 500 | 503,
    message: string,
  ) {
    super(message);
    this.name = "ListenBrainzError";
  }

  get body(): { code: number; error: string } {
    return { code: this.status, error: this.message };
  }
}

export const lbBadRequest = (message: string) => new ListenBrainzError(400, message);
export const lbUnauthorized = (message: string) => new ListenBrainzError(401, message);
export const lbUserNotFound = (username: string) => new ListenBrainzError(404, `Cannot find user: ${username}`);
/** A body over ListenBrainz's request limit, whether Fastify or the parser measures it first. */
export const lbPayloadTooLarge = () => lbBadRequest(`Payload too large. Payload cannot exceed ${MAX_REQUEST_BYTES} bytes`);
