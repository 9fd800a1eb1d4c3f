/**
 * "Download ONNX": the page's copy of the network (MirrorNetwork, refreshed from the
 * worker's snapshots) written as an ONNX file and handed to the browser as a download.
 * @backprop/formats/onnx (with its protobuf writer) is imported on the first click, so it
 * is not part of the page's first load (vite.config.ts puts it in an on-demand chunk).
 */
import type { Network } from "@backprop/network";

/** Exports `network` and starts the download of `<name>.onnx`; returns the file's size. */
export async function downloadOnnx(
  network: Network,
  name: string,
  metadata: Record<string, unknown>,
): Promise<number> {
  const { exportOnnx } = await import("@backprop/formats/onnx");
  const bytes = exportOnnx(network, { name, metadata });
  // A copy on a plain ArrayBuffer: what Blob's types accept (the bytes may sit on any buffer).
  const file = new Blob([bytes.slice().buffer as ArrayBuffer], {
    type: "application/octet-stream",
  });
  const url = URL.createObjectURL(file);
  const link = document.createElement("a");
  link.href = url;
  link.download = `${name}.onnx`;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled: the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return bytes.length;
}
