/**
 * JSON text written in pieces: `writeJsonPieces(value, write)` calls `write` with strings
 * that, joined, are exactly `JSON.stringify(value)`, none much longer than `pieceChars`.
 *
 * Why: a model or checkpoint of network3's conv2-dropout net holds 1.66 M weights, 35 MB
 * of JSON text. JSON.stringify builds all of it as one string, and writing it makes a
 * UTF-8 copy; with their temporaries that raised the training run's peak memory by
 * ~170 MB at every epoch end (measured: 219 MB → 387 MB over two short epochs). Written in
 * pieces, the text never exists whole.
 *
 * Plain objects and arrays are walked; long arrays of numbers go out a few thousand numbers
 * at a time. Anything else (strings, booleans, objects with a prototype or a toJSON, …) is
 * a leaf and goes through JSON.stringify itself, so the result matches it exactly.
 */
export function writeJsonPieces(
  value: unknown,
  write: (piece: string) => void,
  pieceChars = 1 << 16,
): void {
  let pending = "";
  const emit = (text: string) => {
    pending += text;
    if (pending.length >= pieceChars) {
      write(pending);
      pending = "";
    }
  };
  writeValue(value, emit);
  if (pending.length > 0) write(pending);
}

/** How many numbers of a long array are formatted into one string before it is emitted. */
const NUMBERS_PER_PIECE = 2048;

/** What JSON.stringify leaves out of an object and writes as null in an array. */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function"
  );
}

function writeValue(value: unknown, emit: (text: string) => void): void {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === "number")) {
      writeNumbers(value as number[], emit);
      return;
    }
    emit("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) emit(",");
      const element = value[i];
      if (isOmitted(element)) emit("null");
      else writeValue(element, emit);
    }
    emit("]");
    return;
  }
  if (isPlainObject(value)) {
    emit("{");
    let first = true;
    for (const key of Object.keys(value)) {
      const member = value[key];
      if (isOmitted(member)) continue;
      emit(`${first ? "" : ","}${JSON.stringify(key)}:`);
      first = false;
      writeValue(member, emit);
    }
    emit("}");
    return;
  }
  // A leaf. JSON.stringify(undefined) is undefined: only reached at the top level, where
  // JSON.stringify has no text to give either; write nothing.
  const text = JSON.stringify(value) as string | undefined;
  if (text !== undefined) emit(text);
}

/**
 * numbers[start:end] as JSON, comma-separated, by JSON.stringify of the slice. Not by
 * String(x) per number: that goes through V8's number-to-string cache, which keeps recent
 * strings alive long enough to be promoted to the old generation, so 1.66 M weights left
 * ~65 MB of garbage there until the next full collection (measured on Node 20, heap used
 * 18 → 83 MB; 18 → 21 MB through JSON.stringify).
 */
function numbersJson(numbers: number[], start: number, end: number): string {
  return JSON.stringify(numbers.slice(start, end)).slice(1, -1);
}

function writeNumbers(numbers: number[], emit: (text: string) => void): void {
  for (let start = 0; start < numbers.length; start += NUMBERS_PER_PIECE) {
    const end = Math.min(start + NUMBERS_PER_PIECE, numbers.length);
    emit((start === 0 ? "[" : ",") + numbersJson(numbers, start, end));
  }
  emit("]");
}
