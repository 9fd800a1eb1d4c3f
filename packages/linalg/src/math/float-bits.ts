/**
 * The two 32-bit halves of a double, read and written through one shared 8-byte buffer:
 * exact bit manipulation (IEEE-754 binary64: sign, 11 exponent bits and the top 20 bits of
 * the significand in the high word, the other 32 bits in the low word), as fdlibm's
 * GET_HIGH_WORD / SET_HIGH_WORD do. Typed arrays use the host's byte order, so which index
 * holds the high word is measured once, here, rather than assumed little-endian.
 */
const float = new Float64Array(1);
const signed = new Int32Array(float.buffer);
const unsigned = new Uint32Array(float.buffer);

float[0] = 1; // 0x3ff00000_00000000
const HIGH = unsigned[1] === 0x3ff00000 ? 1 : 0;
const LOW = 1 - HIGH;

/** Sign, exponent and the top 20 significand bits of x, as a signed 32-bit integer (negative for x < 0). */
export function highWord(x: number): number {
  float[0] = x;
  return signed[HIGH];
}

/** The low 32 significand bits of x, unsigned. */
export function lowWord(x: number): number {
  float[0] = x;
  return unsigned[LOW];
}

/** x with its high word replaced by `high` (the low word kept). */
export function withHighWord(x: number, high: number): number {
  float[0] = x;
  signed[HIGH] = high;
  return float[0];
}

/** The double whose high and low words are these. */
export function fromWords(high: number, low: number): number {
  signed[HIGH] = high;
  unsigned[LOW] = low;
  return float[0];
}
