import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import type { LayerNetwork, Network } from "@backprop/network";
import { TfjsFormatError } from "../tfjs/errors";
import { exportTfjs, TFJS_WEIGHTS_FILE, type TfjsExportOptions } from "../tfjs/export-tfjs";
import { importTfjs, type TfjsImport, type TfjsImportOptions } from "../tfjs/import-tfjs";

/**
 * Writes `network` as a TensorFlow.js layers model into folder `dir` (created if needed):
 * model.json and group1-shard1of1.bin, what tf.loadLayersModel("…/model.json") fetches.
 * Returns the path of model.json.
 */
export async function writeTfjsModel(
  dir: string,
  network: Network | LayerNetwork,
  options: TfjsExportOptions = {},
): Promise<string> {
  const { modelJson, weightData } = exportTfjs(network, options);
  await mkdir(dir, { recursive: true });
  const path = join(dir, "model.json");
  await writeFile(path, JSON.stringify(modelJson));
  await writeFile(join(dir, TFJS_WEIGHTS_FILE), new Uint8Array(weightData));
  return path;
}

/**
 * Reads a TensorFlow.js layers model from its model.json path (or its folder): the JSON,
 * then every weight file its manifest names, in order, from the same folder (a path that
 * leaves the folder is refused). See importTfjs for what is read and the errors.
 */
export async function readTfjsModel(
  path: string,
  options: TfjsImportOptions = {},
): Promise<TfjsImport> {
  const file = path.endsWith(".json") ? path : join(path, "model.json");
  const dir = resolve(file, "..");
  const json = JSON.parse(await readFile(file, "utf8"));
  const manifest = Array.isArray(json?.weightsManifest) ? json.weightsManifest : [];
  const shards: Uint8Array[] = [];
  for (const group of manifest) {
    for (const name of Array.isArray(group?.paths) ? group.paths : []) {
      const shard = resolve(dir, String(name));
      if (!shard.startsWith(dir + sep)) {
        throw new TfjsFormatError(
          "weightsManifest",
          `names ${JSON.stringify(name)}, outside the model's folder`,
        );
      }
      shards.push(new Uint8Array(await readFile(shard)));
    }
  }
  const data = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of shards) {
    data.set(s, at);
    at += s.length;
  }
  return importTfjs(json, data, options);
}
