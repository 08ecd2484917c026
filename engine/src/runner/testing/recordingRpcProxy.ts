import { createServer, request } from "node:http";
import { listenOnLoopback } from "./listenOnLoopback.ts";

export type RecordedRpcCall = {
  method: string;
  params: unknown;
  /** The node's `result` (undefined when it answered with an error). */
  result: unknown;
  error: unknown;
};

export type RecordingRpcProxyParameters = {
  /** The JSON-RPC node behind the proxy, e.g. http://127.0.0.1:8545. */
  target: string;
  /** Called for each call as its reply goes back, so that a test can interleave calls with its own events. */
  onCall?: (call: RecordedRpcCall) => void;
  port?: number;
};

export type RecordingRpcProxy = {
  url: string;
  /** Every JSON-RPC call answered so far, in the order the replies went back. */
  calls: RecordedRpcCall[];
  close(): Promise<void>;
};

type JsonRpcMessage = { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };

/**
 * A real HTTP proxy in front of a JSON-RPC node that forwards every request unchanged and records
 * the calls (single or batched) with their replies: a test asserts what a client asked the node.
 */
export async function startRecordingRpcProxy(parameters: RecordingRpcProxyParameters): Promise<RecordingRpcProxy> {
  const target = new URL(parameters.target);
  const calls: RecordedRpcCall[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const forward = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": body.length },
          // A fresh connection per request: a kept-alive one the node closed while idle would fail the call.
          agent: false,
        },
        (reply) => {
          const parts: Buffer[] = [];
          reply.on("data", (part: Buffer) => parts.push(part));
          reply.on("end", () => {
            const answer = Buffer.concat(parts);
            for (const call of pairCalls(body, answer)) {
              calls.push(call);
              parameters.onCall?.(call);
            }
            outgoing.writeHead(reply.statusCode ?? 502, { "content-type": "application/json" }).end(answer);
          });
        },
      );
      forward.on("error", () => incoming.socket.destroy());
      forward.end(body);
    });
  });
  const { url, close } = await listenOnLoopback(server, parameters.port);
  return { url, calls, close };
}

/** Each request of a single or batched body with the reply of the same id. */
function pairCalls(requestBody: Buffer, replyBody: Buffer): RecordedRpcCall[] {
  const parsed = parseJson(requestBody);
  // Recorded too, so that "the client never asked X" cannot pass on a body the proxy failed to read.
  if (parsed === undefined) return [{ method: "<not JSON>", params: undefined, result: undefined, error: "unparsed" }];
  const requests = asMessages(parsed);
  const replies = asMessages(parseJson(replyBody));
  return requests.map((sent) => {
    const reply = replies.find((candidate) => candidate.id === sent.id);
    return {
      method: typeof sent.method === "string" ? sent.method : "<not a JSON-RPC request>",
      params: sent.params,
      result: reply?.result,
      error: reply === undefined ? "no reply" : reply.error,
    };
  });
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

function asMessages(value: unknown): JsonRpcMessage[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is JsonRpcMessage => typeof item === "object" && item !== null);
}
