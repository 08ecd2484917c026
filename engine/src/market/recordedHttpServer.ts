import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";

/**
 * Test support: a real `node:http` server on 127.0.0.1 (random port) that answers requests with
 * recorded API responses, so that the loaders are tested over real HTTP without the internet.
 * Each route is `path?query` exactly as the loader must send it; its responses are served in
 * order (the last one repeats), e.g. a 429 then the 200. Unknown requests get 404 and are listed
 * in `unexpected`, so a test sees when a loader asked for something it should not have.
 */
export type RecordedResponse = {
  status: number;
  headers?: Record<string, string>;
  /** A file under market/fixtures/ holding the exact body bytes, or the body itself. */
  fixture?: string;
  body?: string;
};

export type RecordedHttpServer = {
  baseUrl: string;
  /** Every request path received, in order. */
  requests: string[];
  unexpected: string[];
  close(): Promise<void>;
};

export function fixtureText(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
}

export async function startRecordedHttpServer(routes: Record<string, RecordedResponse[]>): Promise<RecordedHttpServer> {
  const requests: string[] = [];
  const unexpected: string[] = [];
  const served = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? "";
    requests.push(path);
    const responses = routes[path];
    if (responses === undefined || responses.length === 0) {
      unexpected.push(path);
      response.writeHead(404, { "content-type": "text/plain" }).end(`no recorded response for ${path}`);
      return;
    }
    const index = Math.min(served.get(path) ?? 0, responses.length - 1);
    served.set(path, index + 1);
    const recorded = responses[index] as RecordedResponse;
    const body = recorded.fixture === undefined ? (recorded.body ?? "") : fixtureText(recorded.fixture);
    response.writeHead(recorded.status, { "content-type": "application/json", ...recorded.headers }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("recorded server has no port");
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    requests,
    unexpected,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
