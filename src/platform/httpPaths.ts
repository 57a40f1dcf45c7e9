/** Where GraphQL is served (HTTP, graphql-ws and the playground share it). */
export const GRAPHQL_PATH = "/graphql";
/** The browser session cookie (HttpOnly, Secure, SameSite=Lax). */
export const SESSION_COOKIE = "tonearm_session";
