import type { ClassificationData } from "../classification-data";
import { checkMaxBytes, DEFAULT_MAX_CSV_BYTES } from "../limits";
import { type CsvOptions, parseCsv } from "../parse-csv";
import { readFileWithin } from "./read-within";

/** The CSV options of parseCsv, plus a limit on the file's size. */
export interface LoadCsvOptions extends CsvOptions {
  /**
   * The largest file read, in bytes; default DEFAULT_MAX_CSV_BYTES (256 MiB), checked
   * before reading. Above about 512 MiB the text no longer fits in one JavaScript string.
   */
  readonly maxBytes?: number;
}

/**
 * A CSV file from disk (UTF-8), read as `parseCsv` reads text, but needing at least 2 data
 * rows by default (`minRows`): a data set of one row cannot be split into training and test.
 * Errors name the file (`source`, default the path).
 */
export async function loadCsv(
  path: string,
  options: LoadCsvOptions = {},
): Promise<ClassificationData> {
  const { maxBytes, minRows = 2, ...csv } = options;
  const bytes = await readFileWithin(
    path,
    checkMaxBytes(maxBytes, "loadCsv", DEFAULT_MAX_CSV_BYTES),
  );
  return parseCsv(new TextDecoder().decode(bytes), { source: path, ...csv, minRows });
}
