import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DatasetError } from "./errors";
import { type FetchFunction, fetchBytes } from "./fetch-bytes";

const URL_ = "http://data.example/train.idx.gz";

/** A body that sends `chunks` and then neither ends nor errors: a stalled server. */
function stalledBody(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
    },
  });
}

async function rejection(promise: Promise<unknown>): Promise<DatasetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

describe("fetchBytes: timeouts", () => {
  it("fails a server that never answers after timeoutMs, naming the URL, and aborts the request", async () => {
    let signal: AbortSignal | undefined;
    const silent: FetchFunction = (_url, init) => {
      signal = init?.signal;
      return new Promise(() => undefined); // and it ignores the signal, too
    };
    const error = await rejection(fetchBytes(URL_, { fetch: silent, timeoutMs: 20 }));
    expect(error).toMatchObject({ code: "fetch", context: URL_, found: "no response in 20 ms" });
    expect(error.message).toContain("pass a larger timeoutMs");
    expect(signal?.aborted).toBe(true);
  });

  it("fails a body that stops arriving, saying how much came", async () => {
    const stub: FetchFunction = async () => new Response(stalledBody([new Uint8Array(3)]));
    const error = await rejection(fetchBytes(URL_, { fetch: stub, timeoutMs: 20 }));
    expect(error).toMatchObject({
      code: "fetch",
      context: URL_,
      found: "no data for 20 ms after 3 bytes of the body",
    });
  });

  describe("with fake timers", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("is an idle limit, not a deadline: a slow, steady body longer than timeoutMs completes", async () => {
      vi.useFakeTimers();
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      let sent = 0;
      const steady = new ReadableStream<Uint8Array>({
        async pull(controller) {
          await sleep(60); // every chunk 60 ms after the last: 300 ms in all
          if (sent++ < 5) controller.enqueue(Uint8Array.of(sent));
          else controller.close();
        },
      });
      const stub: FetchFunction = async () => new Response(steady);
      const bytes = fetchBytes(URL_, { fetch: stub, timeoutMs: 100 });
      await vi.advanceTimersByTimeAsync(1000);
      expect(Array.from(await bytes)).toEqual([1, 2, 3, 4, 5]);
    });
  });
});

describe("fetchBytes: size limits", () => {
  it("refuses a Content-Length over maxBytes before reading the body", async () => {
    let cancelled = false;
    const body = new ReadableStream({
      cancel() {
        cancelled = true;
      },
    });
    const stub: FetchFunction = async () =>
      new Response(body, { headers: { "content-length": "5000" } });
    const error = await rejection(fetchBytes(URL_, { fetch: stub, maxBytes: 1000 }));
    expect(error).toMatchObject({
      code: "size-limit",
      context: URL_,
      found: "a Content-Length of 5000 bytes",
    });
    expect(error.expected).toBe("at most 1000 bytes (the maxBytes limit)");
    expect(cancelled).toBe(true);
  });

  it("stops a body without Content-Length as soon as it passes maxBytes", async () => {
    let pulls = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(256));
      },
      cancel() {
        cancelled = true;
      },
    });
    const stub: FetchFunction = async () => new Response(endless);
    const error = await rejection(fetchBytes(URL_, { fetch: stub, maxBytes: 1000 }));
    expect(error).toMatchObject({ code: "size-limit", context: URL_ });
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThan(10);
  });

  it("accepts a body of exactly maxBytes", async () => {
    const stub: FetchFunction = async () => new Response(new Uint8Array(1000).fill(7));
    const bytes = await fetchBytes(URL_, { fetch: stub, maxBytes: 1000 });
    expect([bytes.length, bytes[999]]).toEqual([1000, 7]);
  });
});

describe("fetchBytes: every failure names the URL", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === "/cut") {
        // Promise 1000 bytes, send 100, then drop the connection.
        response.writeHead(200, { "content-length": "1000" });
        response.write(new Uint8Array(100), () => response.socket?.destroy());
        return;
      }
      response.writeHead(503, "Service Unavailable").end("busy");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  it("a connection dropped mid-body, not a bare 'terminated'", async () => {
    const error = await rejection(fetchBytes(`${base}cut`));
    expect(error.code).toBe("fetch");
    expect(error.context).toBe(`${base}cut`);
    expect(error.found).toMatch(/^the connection closed after \d+ of 1000 bytes \(terminated/);
    expect(error.message).toContain("try again");
  });

  it("a non-2xx status, an unreachable server, and a fetch that throws", async () => {
    const status = await rejection(fetchBytes(`${base}busy`));
    expect(status).toMatchObject({ code: "fetch", context: `${base}busy` });
    expect(status.found).toBe("503 Service Unavailable");
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await rejection(fetchBytes(`http://127.0.0.1:${port}/x.idx`));
    expect(refused).toMatchObject({ code: "fetch", context: `http://127.0.0.1:${port}/x.idx` });
    expect(refused.found).toContain("ECONNREFUSED"); // undici's reason, not just "fetch failed"
    const throwing: FetchFunction = () => {
      throw new TypeError("bad header");
    };
    const thrown = await rejection(fetchBytes(URL_, throwing)); // the old (url, fetch) form
    expect(thrown).toMatchObject({ code: "fetch", context: URL_ });
    expect(thrown.found).toBe("a network error (bad header)");
  });

  it("rejects a meaningless timeoutMs or maxBytes as a programming error", async () => {
    await expect(fetchBytes(URL_, { timeoutMs: 0 })).rejects.toThrow(RangeError);
    await expect(fetchBytes(URL_, { maxBytes: -1 })).rejects.toThrow("maxBytes must be");
  });
});
