import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export interface FileServer {
  /** The base URL, ending in "/". */
  readonly url: string;
  /** Request paths received, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * A static file server on 127.0.0.1 at a free port, for the tests of URL loading (there is
 * no other network here): `files` maps a path ("/a.idx") to bytes, and any other path
 * is looked up in `dir` if given; everything else is a 404.
 */
export async function serveFiles(
  files: Record<string, Uint8Array>,
  dir?: string,
): Promise<FileServer> {
  const requests: string[] = [];
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    requests.push(path);
    const body =
      files[path] ??
      (dir === undefined ? undefined : await readFile(join(dir, path)).catch(() => undefined));
    if (body === undefined) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": "application/octet-stream" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
