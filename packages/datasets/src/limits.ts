import type { DatasetErrorParts } from "./errors";

/**
 * The default largest IDX file (after decompression) and the default largest download:
 * 1 GiB. MNIST's and Fashion-MNIST's biggest file is 47 MB, EMNIST ByClass's 547 MB, so real
 * data sets pass with room, while a 1 MB gzip bomb that claims 60 GB stops at its header.
 * Raise it per call with `maxBytes` (any number, or Infinity for no limit).
 */
export const DEFAULT_MAX_BYTES = 2 ** 30;

/**
 * The default largest CSV file `loadCsv` reads: 256 MiB (MNIST as CSV is 110 MB). Kept below
 * V8's longest string (about 512 MiB), which the text must fit in; parsing it takes several
 * times its size in memory.
 */
export const DEFAULT_MAX_CSV_BYTES = 2 ** 28;

/**
 * How long a download may go without receiving anything (no response, or a body that stops
 * arriving) before it fails: 30 s. An idle limit, not a deadline, so a slow but steady
 * download of a large file still finishes. Change it per call with `timeoutMs`.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** `value` if it is a positive number of bytes (Infinity allowed), `fallback` if undefined. */
export function checkMaxBytes(value: number | undefined, caller: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0)) {
    throw new RangeError(
      `${caller}: maxBytes must be a positive number of bytes (or Infinity), got ${value}`,
    );
  }
  return value;
}

/** `value` if it is a positive number of milliseconds (Infinity for none), the default if undefined. */
export function checkTimeout(value: number | undefined, caller: string): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof value !== "number" || !(value > 0)) {
    throw new RangeError(
      `${caller}: timeoutMs must be a positive number of milliseconds (or Infinity), got ${value}`,
    );
  }
  return value;
}

/** "47040016 bytes (44.9 MiB)": exact for comparing, rounded for reading. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return "more than 2⁵³ bytes";
  return n >= 2 ** 20 ? `${n} bytes (${Number((n / 2 ** 20).toFixed(1))} MiB)` : `${n} bytes`;
}

/** The parts of a "size-limit" error: what exceeded `maxBytes`, and how to raise it. */
export function sizeLimitParts(
  context: string,
  found: string,
  maxBytes: number,
): DatasetErrorParts {
  return {
    context,
    expected: `at most ${formatBytes(maxBytes)} (the maxBytes limit)`,
    found,
    hint: "if the data is really this large, pass a larger maxBytes option (Infinity for no limit); otherwise it is corrupt",
  };
}
