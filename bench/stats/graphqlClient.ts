import http from "node:http";

/**
 * POSTs GraphQL over node:http with keep-alive connections: the bench measures the server, and
 * fetch (undici) adds ~0.6 ms and its own tails to every request on these machines (measured
 * 2026-12-05: `{ __typename }` p50 1.1 / p95 3.9 ms with fetch, 0.5 / 1.1 ms with this).
 */
export function graphqlClient(serverUrl: string) {
  const target = new URL("/graphql", serverUrl);
  const agent = new http.Agent({ keepAlive: true });
  return {
    post(query: string, variables: Record<string, unknown>, token?: string): Promise<unknown> {
      const body = JSON.stringify({ query, variables });
      const headers = {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      };
      return new Promise((resolve, reject) => {
        const request = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
          response.on("error", reject);
        });
        request.on("error", reject);
        request.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
