/**
 * JSON text written in pieces: `writeJsonPieces(value, write)` calls `write` with strings
 * that, joined, are exactly `JSON.stringify(value)`.
 *
 * Why: a model or checkpoint of network3's conv2-dropout net holds 1.66 M weights, 35 MB
 * of JSON text. JSON.stringify builds all of it as one string, and writing it makes a
 * UTF-8 copy; with their temporaries that raised the training run's peak memory by
 * ~170 MB at every epoch end (measured: 219 MB → 387 MB over two short epochs). Written in
 * pieces, the text never exists whole.
 *
 * Plain objects and arrays (their prototype Object's or Array's, no toJSON) are walked, and
 * long arrays of numbers go out a few thousand numbers at a time; pieces are then about
 * `pieceChars` long. Anything else (strings, numbers, class instances, objects or arrays
 * with a toJSON, …) is a leaf, written whole by JSON.stringify itself, which is given the
 * leaf's key so a toJSON sees what it would see there. A cycle throws TypeError, as
 * JSON.stringify does, after some pieces may have been written.
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
  writeValue("", value, emit, new Set());
  if (pending.length > 0) write(pending);
}

/** How many numbers of a long array are formatted into one string before it is emitted. */
const NUMBERS_PER_PIECE = 2048;

/** Walked member by member: a plain object or array, with no toJSON of its own or inherited. */
function isWalked(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  const plain = Array.isArray(value)
    ? prototype === Array.prototype
    : prototype === Object.prototype || prototype === null;
  return plain && typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

/**
 * A leaf's JSON as JSON.stringify writes it under `key` (its toJSON called with the key),
 * or undefined where JSON.stringify leaves the member out (undefined, functions, symbols,
 * or a toJSON that returns one of those).
 */
function leafJson(key: string, value: unknown): string | undefined {
  const holder = JSON.stringify({ [key]: value });
  if (holder === "{}") return undefined;
  return holder.slice(JSON.stringify(key).length + 2, -1); // {"key":…}
}

/**
 * Writes `value`, found under `key` in its holder, and returns false where JSON.stringify
 * writes nothing for it (the caller then drops the member, or writes null in an array).
 */
function writeValue(
  key: string,
  value: unknown,
  emit: (text: string) => void,
  open: Set<object>,
): boolean {
  if (!isWalked(value)) {
    const text = leafJson(key, value);
    if (text === undefined) return false;
    emit(text);
    return true;
  }
  if (open.has(value)) throw new TypeError("Converting circular structure to JSON");
  open.add(value);
  if (Array.isArray(value)) writeArray(value, emit, open);
  else writeObject(value, emit, open);
  open.delete(value);
  return true;
}

function writeArray(array: unknown[], emit: (text: string) => void, open: Set<object>): void {
  if (array.length > 0 && array.every((v) => typeof v === "number")) {
    writeNumbers(array as number[], emit);
    return;
  }
  emit("[");
  for (let i = 0; i < array.length; i++) {
    if (i > 0) emit(",");
    if (!writeValue(String(i), array[i], emit, open)) emit("null");
  }
  emit("]");
}

function writeObject(
  object: Record<string, unknown>,
  emit: (text: string) => void,
  open: Set<object>,
): void {
  emit("{");
  let first = true;
  for (const key of Object.keys(object)) {
    const member = object[key];
    // Decided before the key is written: a member JSON.stringify leaves out writes nothing.
    const text = isWalked(member) ? null : leafJson(key, member);
    if (text === undefined) continue;
    emit(`${first ? "" : ","}${JSON.stringify(key)}:`);
    first = false;
    if (text === null) writeValue(key, member, emit, open);
    else emit(text);
  }
  emit("}");
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
