import { DatasetError } from "./errors";
import { IdleTimeout } from "./idle-timeout";
import {
  checkMaxBytes,
  checkTimeout,
  DEFAULT_MAX_BYTES,
  formatBytes,
  sizeLimitParts,
} from "./limits";

/**
 * The `fetch` to use; the global one by default (pass another for tests or custom headers).
 * It is given an AbortSignal that fires on a timeout; one that ignores it still times out.
 */
export type FetchFunction = (
  url: string,
  init?: { readonly signal?: AbortSignal },
) => Promise<Response>;

/** How {@link fetchBytes} downloads: which fetch, and the idle-time and size limits. */
export interface FetchBytesOptions {
  /** The fetch to use instead of the global one (see FetchFunction). */
  readonly fetch?: FetchFunction;
  /**
   * Fail when nothing arrives for this long: no response, or a body that stalls. An idle
   * limit, not a deadline. Default DEFAULT_TIMEOUT_MS (30 000); Infinity for none.
   */
  readonly timeoutMs?: number;
  /**
   * The largest body accepted, in bytes: a larger Content-Length fails before the body is
   * read, and a body that passes it while arriving fails there. Default DEFAULT_MAX_BYTES (1 GiB).
   */
  readonly maxBytes?: number;
}

/**
 * GETs `url` and returns the whole body. Every failure is a DatasetError that names the
 * URL: code "fetch" for an unreachable server, a non-2xx status, a dropped connection or a
 * timeout, "size-limit" for a body over `maxBytes`. The second argument may also be just
 * the fetch function, as before.
 */
export async function fetchBytes(
  url: string,
  options: FetchFunction | FetchBytesOptions = {},
): Promise<Uint8Array> {
  const { fetch: fetchFn = globalThis.fetch, ...limits } =
    typeof options === "function" ? { fetch: options } : options;
  const maxBytes = checkMaxBytes(limits.maxBytes, "fetchBytes", DEFAULT_MAX_BYTES);
  const timeoutMs = checkTimeout(limits.timeoutMs, "fetchBytes");
  const progress = { response: false, received: 0 };
  const timeout = new IdleTimeout(timeoutMs, () => stalled(url, timeoutMs, progress));
  try {
    const response = await timeout.race(request(url, fetchFn, timeout.signal));
    progress.response = true;
    timeout.touch();
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw fetchError(url, "HTTP status 200", `${response.status} ${response.statusText}`.trim());
    }
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      const found = `a Content-Length of ${formatBytes(declared)}`;
      throw new DatasetError("size-limit", sizeLimitParts(url, found, maxBytes));
    }
    return await readBody(url, response, { maxBytes, timeout, progress, declared });
  } finally {
    timeout.stop();
  }
}

async function request(url: string, fetchFn: FetchFunction, signal: AbortSignal) {
  try {
    return await fetchFn(url, { signal });
  } catch (error) {
    throw fetchError(url, "a response", `a network error (${describe(error)})`, error);
  }
}

interface BodyReading {
  readonly maxBytes: number;
  readonly timeout: IdleTimeout;
  readonly progress: { received: number };
  /** The Content-Length, or NaN. */
  readonly declared: number;
}

/** The body chunk by chunk: the size checked as it grows, the timeout restarted by each chunk. */
async function readBody(url: string, response: Response, reading: BodyReading) {
  const { maxBytes, timeout, progress } = reading;
  if (response.body === null) return new Uint8Array(await timeout.race(response.arrayBuffer()));
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await timeout.race(reader.read());
      } catch (error) {
        throw timeout.error ?? dropped(url, reading, error);
      }
      if (next.done) break;
      progress.received += next.value.length;
      timeout.touch();
      if (progress.received > maxBytes) {
        const found = `a body of more than ${formatBytes(maxBytes)} (the download stopped there)`;
        throw new DatasetError("size-limit", sizeLimitParts(url, found, maxBytes));
      }
      chunks.push(next.value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  const out = new Uint8Array(progress.received);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function stalled(url: string, ms: number, progress: { response: boolean; received: number }) {
  const found = progress.response
    ? `no data for ${ms} ms after ${formatBytes(progress.received)} of the body`
    : `no response in ${ms} ms`;
  return fetchError(
    url,
    `data within ${ms} ms`,
    found,
    undefined,
    "the server is not answering: try again later, or pass a larger timeoutMs",
  );
}

function dropped(url: string, reading: BodyReading, error: unknown) {
  const of = Number.isFinite(reading.declared) ? ` of ${reading.declared}` : "";
  return fetchError(
    url,
    "the whole body",
    `the connection closed after ${reading.progress.received}${of} bytes (${describe(error)})`,
    error,
    "the download was cut off: try again",
  );
}

function fetchError(
  url: string,
  expected: string,
  found: string,
  cause?: unknown,
  hint = "check the URL and that the server is reachable",
) {
  const parts = { context: url, expected, found, hint };
  return new DatasetError("fetch", parts, cause === undefined ? undefined : { cause });
}

/** "fetch failed: connect ECONNREFUSED 127.0.0.1:1": undici hides the reason in `cause`. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error && cause.message !== message
    ? `${message}: ${cause.message}`
    : message;
}
