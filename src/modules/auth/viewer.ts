/** Who is making the request, once their credentials were checked. */
export type Viewer = {
  userId: string;
  via: "session" | "apiToken";
  /** the session's id (hash of its token) when signed in by session */
  sessionId: string | null;
  apiTokenId: string | null;
};
