import { readFile } from "node:fs/promises";
import type { ClassificationData } from "../classification-data";
import { type CsvOptions, parseCsv } from "../parse-csv";

/** A CSV file from disk (UTF-8), read as `parseCsv` reads text. */
export async function loadCsv(path: string, options: CsvOptions = {}): Promise<ClassificationData> {
  return parseCsv(await readFile(path, "utf8"), options);
}
