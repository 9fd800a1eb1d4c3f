import { badValue } from "./errors";

/** Parsers for flag values; each names the flag, what came and what is allowed. */

export function positiveInteger(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
      throw badValue(flag, value, "a positive whole number");
    }
    return n;
  };
}

export function nonNegativeInteger(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      throw badValue(flag, value, "a whole number ≥ 0");
    }
    return n;
  };
}

export function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n <= 0)
      throw badValue(flag, value, "a number > 0");
    return n;
  };
}

export function nonNegativeNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < 0)
      throw badValue(flag, value, "a number ≥ 0");
    return n;
  };
}

/** A number in [low, high). */
export function fraction(flag: string, low = 0, high = 1) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !(n >= low && n < high))
      throw badValue(flag, value, `a number in [${low}, ${high})`);
    return n;
  };
}

export function oneOf<T extends string>(flag: string, choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value))
      throw badValue(flag, value, `one of ${choices.join(", ")}`);
    return value as T;
  };
}

/** "784,30,10" or "784-30-10" → [784, 30, 10]. */
export function layerSizes(flag: string) {
  return (value: string): number[] => {
    const parts = value.split(/[,\-x ]+/).filter(Boolean);
    const sizes = parts.map(Number);
    if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
      throw badValue(flag, value, "at least two positive layer sizes, input first, like 784,30,10");
    }
    return sizes;
  };
}

/** A repeatable option: collects every value. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A comma-separated list of SHA-256 digests (64 hex digits each), as --sha256 takes them. */
export function sha256List(flag: string) {
  return (value: string): string[] => {
    const digests = value.split(",").map((d) => d.trim().toLowerCase());
    if (digests.some((d) => !/^[0-9a-f]{64}$/.test(d)))
      throw badValue(flag, value, "SHA-256 digests of 64 hex digits, separated by commas");
    return digests;
  };
}
