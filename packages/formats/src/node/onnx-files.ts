import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { LayerNetwork, Network } from "@backprop/network";
import { exportOnnx, type OnnxExportOptions } from "../onnx/export-onnx";
import { importOnnx, type OnnxImport, type OnnxImportOptions } from "../onnx/import-onnx";

/** Writes `network` as an ONNX file at `path`, creating its folder if needed (see exportOnnx). */
export async function writeOnnxModel(
  path: string,
  network: Network | LayerNetwork,
  options: OnnxExportOptions = {},
): Promise<void> {
  const bytes = exportOnnx(network, options);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}

/** Reads the ONNX file at `path` (see importOnnx). */
export async function readOnnxModel(
  path: string,
  options: OnnxImportOptions = {},
): Promise<OnnxImport> {
  return importOnnx(new Uint8Array(await readFile(path)), options);
}
