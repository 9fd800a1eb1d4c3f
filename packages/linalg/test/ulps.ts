/**
 * How many doubles lie between a and b (0 if they are the same double; +0 and −0 count as
 * neighbours), for the tests that measure our elementary functions. Doubles ordered by value
 * map to integers ordered the same way by their bits (sign-magnitude folded onto one line),
 * so the distance is a difference of two 64-bit integers, taken here in two 32-bit halves
 * (exact for every distance below 2⁵³).
 */
export function ulpsBetween(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.POSITIVE_INFINITY; // NaN against a number
  const [highA, lowA] = ordered(a);
  const [highB, lowB] = ordered(b);
  return Math.abs((highA - highB) * 4294967296 + (lowA - lowB));
}

/** The size of the last bit of x (of its binade: 2^(exponent − 52), 2⁻¹⁰⁷⁴ for subnormals). */
export function ulpOf(x: number): number {
  float[0] = Math.abs(x);
  const exponent = (words[HIGH] >>> 20) & 0x7ff;
  float[0] = 0;
  if (exponent <= 52) {
    // a power of two below 2⁻¹⁰²²+⁵²: build it from its bits (subnormal or small normal)
    const shift = Math.max(exponent, 1) - 1; // 2^(max(e,1) − 1075) = 2^shift · 2⁻¹⁰⁷⁴
    if (shift < 32) words[1 - HIGH] = 2 ** shift;
    else words[HIGH] = 2 ** (shift - 32);
    return float[0];
  }
  words[HIGH] = (exponent - 52) << 20;
  return float[0];
}

const float = new Float64Array(1);
const words = new Int32Array(float.buffer);
float[0] = 1;
const HIGH = words[1] === 0x3ff00000 ? 1 : 0;

/** x's bits as (high, low) of a signed position on the line of doubles: +0 → 0, −0 → −1, … */
function ordered(x: number): [number, number] {
  float[0] = x;
  const high = words[HIGH] & 0x7fffffff;
  const low = words[1 - HIGH] >>> 0;
  return words[HIGH] < 0 ? [-high, -low - 1] : [high, low];
}
