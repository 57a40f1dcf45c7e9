import type { TestServer } from "../testServer.js";

const CREATE_API_TOKEN = `mutation ($name: String!) { createApiToken(name: $name) { token } }`;

/** Creates an API token (tnrm_…) for the user signed in with `sessionToken`; throws on failure. */
export async function createApiToken(server: TestServer, sessionToken: string, name = "scrobbler"): Promise<string> {
  const response = await server.graphql<{ createApiToken: { token: string } }>(CREATE_API_TOKEN, { name }, { token: sessionToken });
  if (!response.data?.createApiToken) throw new Error(`createApiToken failed: ${JSON.stringify(response.errors)}`);
  return response.data.createApiToken.token;
}
