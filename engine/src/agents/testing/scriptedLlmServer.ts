import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

/**
 * Test support (not used by the engine): a real `node:http` server on 127.0.0.1 that speaks the
 * OpenAI chat completions and Anthropic Messages wire formats, scripted per test. Each request is
 * answered by the next scripted response (a function may build it from the request); a request
 * beyond the script gets HTTP 599 and is counted in `unexpected`, so a test sees extra calls.
 */
export type ScriptedResponse = {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Wait this long before sending anything (a slow endpoint). */
  delayMs?: number;
  /** Send the status and headers at once, then wait this long before the body (a stalled stream). */
  stallBodyMs?: number;
};

export type ReceivedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  body: unknown;
};

export type ScriptStep = ScriptedResponse | ((request: ReceivedRequest) => ScriptedResponse);

export type ScriptedLlmServer = {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The base URL an OpenAI-compatible client uses (origin + "/v1"). */
  openAiBaseUrl: string;
  requests: ReceivedRequest[];
  unexpected: number;
  /** Most requests the server was answering at the same time. */
  peakInFlight: number;
  /** Appends responses to the script. */
  script(...steps: ScriptStep[]): void;
  close(): Promise<void>;
};

export async function startScriptedLlmServer(...steps: ScriptStep[]): Promise<ScriptedLlmServer> {
  const queue: ScriptStep[] = [...steps];
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const state = { unexpected: 0, inFlight: 0, peakInFlight: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
      const received: ReceivedRequest = {
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        rawBody,
        body,
      };
      requests.push(received);
      state.inFlight++;
      state.peakInFlight = Math.max(state.peakInFlight, state.inFlight);
      // Counted out when the server finishes writing (before the client can see the end), or on abort.
      let counted = true;
      const countOut = () => {
        if (counted) state.inFlight--;
        counted = false;
      };
      response.on("close", countOut);
      const step = queue.shift();
      if (step === undefined) {
        state.unexpected++;
        response
          .writeHead(599, { "content-type": "text/plain" })
          .end("the test script has no response for this request");
        return;
      }
      const scripted = typeof step === "function" ? step(received) : step;
      if (scripted.delayMs) await wait(scripted.delayMs);
      if (response.destroyed) return;
      const text = typeof scripted.body === "string" ? scripted.body : JSON.stringify(scripted.body ?? {});
      response.writeHead(scripted.status ?? 200, { "content-type": "application/json", ...scripted.headers });
      if (scripted.stallBodyMs) {
        response.write(text.slice(0, 1));
        await wait(scripted.stallBodyMs);
        countOut();
        if (!response.destroyed) response.end(text.slice(1));
      } else {
        countOut();
        response.end(text);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("scripted LLM server has no port");
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    openAiBaseUrl: `${origin}/v1`,
    requests,
    get unexpected() {
      return state.unexpected;
    },
    get peakInFlight() {
      return state.peakInFlight;
    },
    script: (...more) => queue.push(...more),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** An OpenAI chat completion (`object: "chat.completion"`) with one choice. */
export function openAiCompletion(parameters: {
  content?: string | null;
  refusal?: string | null;
  finishReason?: "stop" | "length" | "content_filter" | "tool_calls";
  promptTokens?: number;
  completionTokens?: number;
}): unknown {
  const {
    content = null,
    refusal = null,
    finishReason = "stop",
    promptTokens = 100,
    completionTokens = 20,
  } = parameters;
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "test-model",
    choices: [
      { index: 0, message: { role: "assistant", content, refusal }, finish_reason: finishReason, logprobs: null },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

/** An Anthropic Messages reply whose content is a tool_use block (and optional text before it). */
export function anthropicToolUse(parameters: {
  input: unknown;
  name?: string;
  text?: string;
  stopReason?: "tool_use" | "end_turn" | "max_tokens" | "refusal";
  inputTokens?: number;
  outputTokens?: number;
}): unknown {
  const {
    input,
    name = "submit_decision",
    text,
    stopReason = "tool_use",
    inputTokens = 120,
    outputTokens = 30,
  } = parameters;
  const content: unknown[] = [];
  if (text !== undefined) content.push({ type: "text", text });
  content.push({ type: "tool_use", id: "toolu_test", name, input });
  return anthropicMessage(content, stopReason, inputTokens, outputTokens);
}

/** An Anthropic Messages reply with text content only. */
export function anthropicText(text: string, stopReason: "end_turn" | "max_tokens" | "refusal" = "end_turn"): unknown {
  return anthropicMessage([{ type: "text", text }], stopReason, 110, 25);
}

function anthropicMessage(content: unknown[], stopReason: string, inputTokens: number, outputTokens: number): unknown {
  return {
    id: "msg_test",
    type: "message",
    role: "assistant",
    model: "claude-test",
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: outputTokens },
  };
}

/** OpenAI's error body. */
export function openAiError(message: string, type = "server_error"): unknown {
  return { error: { message, type, param: null, code: null } };
}

/** Anthropic's error body. */
export function anthropicError(message: string, type = "api_error"): unknown {
  return { type: "error", error: { type, message } };
}
