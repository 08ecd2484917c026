import { createServer, request } from "node:http";
import { forkRandom } from "../../random/seededRandom.ts";
import { listenOnLoopback } from "./listenOnLoopback.ts";

export type FaultyRpcProxyParameters = {
  /** The JSON-RPC node behind the proxy, e.g. http://127.0.0.1:8545. */
  target: string;
  /** Seeds the faults: the same seed gives the same fault sequence. */
  seed: string;
  /** Share of requests answered with nothing (the connection is closed): the caller cannot know whether the node saw it. */
  dropRate?: number;
  /** Share of requests that do reach the node but whose reply is lost (the worst case for a send). */
  dropReplyRate?: number;
  /** Share answered HTTP 503 without reaching the node. */
  failRate?: number;
  /** Share delayed by up to `maxDelayMs` before being forwarded. */
  delayRate?: number;
  maxDelayMs?: number;
  port?: number;
};

export type FaultyRpcProxy = {
  url: string;
  /** Counts of what happened so far. */
  stats: { forwarded: number; dropped: number; droppedReplies: number; failed: number; delayed: number };
  close(): Promise<void>;
};

/**
 * A real HTTP proxy in front of a JSON-RPC node that drops, fails and delays a configurable,
 * seeded share of requests: the runner's retry and reconciliation paths run against it in tests.
 */
export async function startFaultyRpcProxy(parameters: FaultyRpcProxyParameters): Promise<FaultyRpcProxy> {
  const random = forkRandom(parameters.seed, "faulty-rpc-proxy");
  const target = new URL(parameters.target);
  const stats = { forwarded: 0, dropped: 0, droppedReplies: 0, failed: 0, delayed: 0 };
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const roll = random.nextFloat();
      const dropRate = parameters.dropRate ?? 0;
      const dropReplyRate = parameters.dropReplyRate ?? 0;
      const failRate = parameters.failRate ?? 0;
      if (roll < dropRate) {
        stats.dropped++;
        incoming.socket.destroy();
        return;
      }
      if (roll < dropRate + failRate) {
        stats.failed++;
        outgoing.writeHead(503, { "content-type": "text/plain" }).end("injected failure");
        return;
      }
      const loseReply = roll < dropRate + failRate + dropReplyRate;
      const delay =
        random.nextFloat() < (parameters.delayRate ?? 0) ? random.nextFloat() * (parameters.maxDelayMs ?? 500) : 0;
      if (delay > 0) stats.delayed++;
      setTimeout(() => {
        const body = Buffer.concat(chunks);
        const forward = request(
          {
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: "POST",
            headers: { "content-type": "application/json", "content-length": body.length },
          },
          (reply) => {
            const parts: Buffer[] = [];
            reply.on("data", (part: Buffer) => parts.push(part));
            reply.on("end", () => {
              stats.forwarded++;
              if (loseReply) {
                stats.droppedReplies++;
                incoming.socket.destroy();
                return;
              }
              outgoing
                .writeHead(reply.statusCode ?? 502, { "content-type": "application/json" })
                .end(Buffer.concat(parts));
            });
          },
        );
        forward.on("error", () => incoming.socket.destroy());
        forward.end(body);
      }, delay);
    });
  });
  const { url, close } = await listenOnLoopback(server, parameters.port);
  return { url, stats, close };
}
