/**
 * The page's first load before MNIST: every file of dist/ a visit fetches before the
 * worker asks for MNIST (the document, its scripts and styles, both workers' scripts),
 * gzipped as a static host would serve them (level 6). MNIST (dist/mnist/) and the service
 * worker (fetched after load) are not part of it, nor the on-demand chunks (assets/on-demand-*,
 * e.g. the ONNX writer, fetched when "Download ONNX" is first clicked).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface LoadSize {
  files: { name: string; bytes: number; gzipped: number }[];
  bytes: number;
  gzipped: number;
}

export function firstLoadSize(dist: string): LoadSize {
  const assets = readdirSync(join(dist, "assets")).filter((f) => !f.startsWith("on-demand-"));
  const names = ["index.html", ...assets.map((f) => `assets/${f}`)];
  const files = names.map((name) => {
    const data = readFileSync(join(dist, name));
    return { name, bytes: data.length, gzipped: gzipSync(data, { level: 6 }).length };
  });
  return {
    files,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzipped: files.reduce((s, f) => s + f.gzipped, 0),
  };
}
