/** Shape checks for the public boundary of every kernel; inner loops never check. */

/** A matrix's shape as people write it: `30×784`. */
export function formatShape(m: { rows: number; cols: number }): string {
  return `${m.rows}×${m.cols}`;
}

/** Throws a RangeError naming both shapes unless `a` and `b` have the same shape. */
export function assertSameShape(
  what: string,
  a: { rows: number; cols: number },
  b: { rows: number; cols: number },
): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new RangeError(`${what}: shapes ${formatShape(a)} and ${formatShape(b)} must be equal`);
  }
}

/** Throws a RangeError unless `out` has the given shape. */
export function assertOutputShape(
  what: string,
  out: { rows: number; cols: number },
  rows: number,
  cols: number,
): void {
  if (out.rows !== rows || out.cols !== cols) {
    throw new RangeError(
      `${what}: output is ${formatShape(out)} but the result is ${rows}×${cols}; pass an output of shape ${rows}×${cols}`,
    );
  }
}

/** Throws a RangeError unless `n` is a non-negative integer (a usable dimension). */
export function assertDimension(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`${what}: a dimension must be a non-negative integer, got ${n}`);
  }
}
