import type { PubSub } from "../../platform/pubsub.js";

/** Pub/sub topics of imports. Payloads carry ids only: subscribers read the row fresh. */
export const importProgressTopic = (importId: string) => `import:${importId}`;
/** Published when an upload is queued, so runners (on any instance) look for work at once. */
export const IMPORT_QUEUED_TOPIC = "imports:queued";

export type ImportProgressEvent = { id: string };

export async function publishImportProgress(pubsub: PubSub, importId: string): Promise<void> {
  await pubsub.publish(importProgressTopic(importId), { id: importId } satisfies ImportProgressEvent);
}
