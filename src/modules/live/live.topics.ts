/** Pub/sub topic of one user's new listens; payloads carry ids only (subscribers load fresh rows). */
export const liveListensTopic = (userId: string) => `live-listens:${userId}`;

export type LiveListensEvent = { listenIds: number[] };

/** What the livePlays stream yields per listen: the Subscription resolver loads it. */
export type LivePlay = { listenId: number };
