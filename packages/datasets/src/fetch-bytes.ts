import { DatasetError } from "./errors";

/** The `fetch` to use; the global one by default (pass another for tests or custom headers). */
export type FetchFunction = (url: string) => Promise<Response>;

/** GETs `url` and returns the whole body; a failed request or non-2xx status is a DatasetError. */
export async function fetchBytes(
  url: string,
  fetchFn: FetchFunction = globalThis.fetch,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (error) {
    throw new DatasetError(
      "fetch",
      {
        context: url,
        expected: "a response",
        found: `a network error (${(error as Error).message})`,
        hint: "check the URL and that the server is reachable",
      },
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new DatasetError("fetch", {
      context: url,
      expected: "HTTP status 200",
      found: `${response.status} ${response.statusText}`.trim(),
      hint: "check the URL",
    });
  }
  return new Uint8Array(await response.arrayBuffer());
}
