import { PodiumError } from "../../errors/podiumError.ts";

export type CappedFetchParameters = {
  timeoutMs: number;
  maxBytes: number;
  fetch?: typeof globalThis.fetch;
};

export type LlmDeadlineExceededErrorType = LlmDeadlineExceededError;

/** No complete response within the per-attempt timeout (headers and body). */
export class LlmDeadlineExceededError extends PodiumError {
  override name = "LlmDeadlineExceededError";
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    // Named and worded without "time out"/"timeout": the Anthropic SDK matches /timed? ?out/ on a
    // fetch error and then drops its cause, so the provider could no longer tell its deadline apart.
    super(`No complete reply within ${timeoutMs} ms.`, {
      hint: "Give the endpoint more milliseconds in the agent config, or use a faster endpoint.",
    });
    this.timeoutMs = timeoutMs;
  }
}

export type LlmReplyTooLargeErrorType = LlmReplyTooLargeError;

/** The response body grew past the size cap; reading stopped there. */
export class LlmReplyTooLargeError extends PodiumError {
  override name = "LlmReplyTooLargeError";
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`The reply is larger than ${maxBytes} bytes.`, {
      hint: "Lower maxTokens, or raise the reply size cap of the agent.",
    });
    this.maxBytes = maxBytes;
  }
}

/**
 * A fetch for the SDK clients that owns the attempt's deadline and the reply size: it reads the
 * whole body under one timer (a server that sends headers and then stalls still times out) and
 * stops at `maxBytes` (a runaway reply cannot fill memory), then hands the SDK a buffered Response.
 * Failures are thrown as LlmDeadlineExceededError / LlmReplyTooLargeError so that the provider can tell
 * them apart from the SDK's own errors (they arrive as the SDK error's `cause`).
 */
export function cappedFetch({
  timeoutMs,
  maxBytes,
  fetch = globalThis.fetch,
}: CappedFetchParameters): typeof globalThis.fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const timeout = new LlmDeadlineExceededError(timeoutMs);
    const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
    const outer = init?.signal;
    const forward = () => controller.abort(outer?.reason);
    if (outer) {
      if (outer.aborted) forward();
      else outer.addEventListener("abort", forward, { once: true });
    }
    try {
      const response = await fetch(input, { ...init, signal: controller.signal });
      const body = await readCapped(response, maxBytes);
      const headers = new Headers(response.headers);
      headers.delete("content-encoding");
      headers.delete("content-length");
      return new Response(body, { status: response.status, statusText: response.statusText, headers });
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason === timeout) throw timeout;
      throw error;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", forward);
    }
  };
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (response.body === null) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new LlmReplyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
