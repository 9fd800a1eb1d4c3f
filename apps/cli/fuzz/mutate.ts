import type { Rng } from "@backprop/linalg";

/**
 * Seeded mutators, as a fuzzer's first tools: flips, interesting bytes, cuts, inserts,
 * repeats, splices with another seed, and (for text) numbers swapped for the values that
 * break parsers: 0, −1, huge, NaN-like, 2³², a size that would allocate gigabytes.
 */

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x22, 0x5b, 0x7b, 0x2c];
const INTERESTING_NUMBERS = [
  "0",
  "-1",
  "-5",
  "1e308",
  "-1e308",
  "4294967296",
  "30000",
  "2147483648",
  "1e-320",
  "0.5",
  "NaN",
  "null",
  '"abc"',
  "[]",
  "{}",
  '"toString"',
  '"__proto__"',
];

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng.uniform() * list.length)];
}

function int(rng: Rng, n: number): number {
  return Math.floor(rng.uniform() * n);
}

/** One to four mutations of `input` (never changed in place). */
export function mutate(input: Uint8Array, seeds: readonly Uint8Array[], rng: Rng): Uint8Array {
  let bytes = input;
  const count = 1 + int(rng, 4);
  for (let k = 0; k < count; k++) bytes = mutateOnce(bytes, seeds, rng);
  return bytes;
}

function mutateOnce(bytes: Uint8Array, seeds: readonly Uint8Array[], rng: Rng): Uint8Array {
  const n = bytes.length;
  const at = int(rng, n + 1);
  switch (int(rng, 8)) {
    case 0: {
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[at % n] ^= 1 << int(rng, 8);
      return out;
    }
    case 1: {
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[at % n] = pick(rng, INTERESTING_BYTES);
      return out;
    }
    case 2:
      return bytes.slice(0, at); // truncated, as a killed write leaves it
    case 3: {
      const length = 1 + int(rng, Math.min(64, Math.max(1, n - at)));
      return concat(bytes.subarray(0, at), bytes.subarray(Math.min(n, at + length)));
    }
    case 4: {
      const noise = Uint8Array.from({ length: 1 + int(rng, 16) }, () => int(rng, 256));
      return concat(bytes.subarray(0, at), noise, bytes.subarray(at));
    }
    case 5: {
      const length = 1 + int(rng, 32);
      const chunk = bytes.slice(at, at + length);
      return concat(bytes.subarray(0, at), chunk, chunk, chunk, bytes.subarray(at));
    }
    case 6: {
      const other = pick(rng, seeds);
      const from = int(rng, other.length + 1);
      return concat(bytes.subarray(0, at), other.subarray(from));
    }
    default:
      return replaceNumber(bytes, rng);
  }
}

/** Replaces one run of digits (a JSON or header number) with an interesting token. */
function replaceNumber(bytes: Uint8Array, rng: Rng): Uint8Array {
  const runs: [number, number][] = [];
  for (let i = 0; i < bytes.length; ) {
    if (isNumberByte(bytes[i])) {
      const start = i;
      while (i < bytes.length && isNumberByte(bytes[i])) i++;
      runs.push([start, i]);
    } else i++;
  }
  if (runs.length === 0) return bytes;
  const [start, end] = pick(rng, runs);
  const token = new TextEncoder().encode(pick(rng, INTERESTING_NUMBERS));
  return concat(bytes.subarray(0, start), token, bytes.subarray(end));
}

function isNumberByte(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2e || b === 0x65;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
