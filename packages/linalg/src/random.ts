/**
 * Seeded randomness for everything in backprop: initial weights, shuffles, dropout.
 * The generator is xoshiro128** (Blackman & Vigna, 2018): 128 bits of state, 32-bit
 * integer arithmetic only (Math.imul, shifts), so the same seed gives the same uniform
 * sequence on every JavaScript engine. The state is seeded from a number by SplitMix32.
 *
 * Normals use Box–Muller: √(−2 ln u₁)·cos(2πu₂) and √(−2 ln u₁)·sin(2πu₂). Math.log, Math.cos
 * and Math.sin are implementation-approximated (ECMAScript leaves their last bit to the engine:
 * V8, JavaScriptCore and SpiderMonkey, and versions of V8, differ), so they come from ./math,
 * which gives the same double everywhere; Math.sqrt is correctly rounded by IEEE-754. So the
 * same seed gives the same normals, and the same initial weights, on every runtime.
 */

import { log } from "./math/log";
import { cosModerate, sinModerate } from "./math/sin-cos";

/** The full state of an `Rng`, for checkpoints: restoring it continues the same sequence. */
export interface RngState {
  /** xoshiro128**'s four 32-bit state words, as unsigned integers (not all zero). */
  readonly s: readonly [number, number, number, number];
  /** The second normal of the last Box–Muller pair, not yet returned (or null). */
  readonly spareNormal: number | null;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** SplitMix32 step (Vigna's mixer for 32-bit seeds), used only to spread a seed over the state. */
function splitMix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A seeded pseudo-random generator (xoshiro128**, see the file comment): the one source of
 * randomness the libraries take, passed explicitly, so every run can be repeated exactly.
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | null = null;

  /** `seed` is any safe integer; both its low and high 32 bits take part. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`Rng: the seed must be a safe integer, got ${seed}`);
    }
    const low = seed >>> 0;
    const high = Math.floor(seed / 2 ** 32) >>> 0;
    const mixer = { x: low ^ Math.imul(high, 0x6c078965) };
    this.s0 = splitMix32(mixer);
    this.s1 = splitMix32(mixer);
    this.s2 = splitMix32(mixer);
    this.s3 = splitMix32(mixer);
  }

  /** A generator with exactly this state (from `getState`). */
  static fromState(state: RngState): Rng {
    const rng = new Rng(0);
    rng.setState(state);
    return rng;
  }

  /** A copy of the full state, for checkpoints (JSON-safe: four integers and a number). */
  getState(): RngState {
    return { s: [this.s0, this.s1, this.s2, this.s3], spareNormal: this.spareNormal };
  }

  /** Continues from `state` (from getState); throws a RangeError on the all-zero state. */
  setState(state: RngState): void {
    const [a, b, c, d] = state.s;
    if ((a | b | c | d) >>> 0 === 0) {
      throw new RangeError("Rng.setState: xoshiro128** state must not be all zeros");
    }
    this.s0 = a >>> 0;
    this.s1 = b >>> 0;
    this.s2 = c >>> 0;
    this.s3 = d >>> 0;
    this.spareNormal = state.spareNormal;
  }

  /** The next 32-bit output of xoshiro128**, as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits (two outputs, like numpy's random_sample). */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** An integer uniform in [0, n), without modulo bias (Lemire's rejection). */
  integer(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) {
      throw new RangeError(`Rng.integer: n must be an integer in [1, 2³²], got ${n}`);
    }
    const limit = 2 ** 32 - (2 ** 32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** A normal sample N(mean, std²) by Box–Muller; each pair of uniforms gives two normals. */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    const u1 = 1 - this.uniform(); // in (0, 1], so log(u1) is finite
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * log(u1));
    const angle = 2 * Math.PI * u2;
    // angle < 2π: the moderate-range sin and cos, equal to sin and cos there.
    this.spareNormal = radius * sinModerate(angle);
    return mean + std * radius * cosModerate(angle);
  }

  /** Fills `out` with N(mean, std²) samples, in index order. */
  fillNormal<T extends { length: number; [i: number]: number }>(out: T, mean = 0, std = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /** Fills `out` with uniform samples in [low, high). */
  fillUniform<T extends { length: number; [i: number]: number }>(out: T, low = 0, high = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * this.uniform();
    return out;
  }

  /** Shuffles `items` in place by Fisher–Yates (Durstenfeld): every order equally likely. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }
}
