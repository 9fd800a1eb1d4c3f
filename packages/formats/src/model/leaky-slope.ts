import { DEFAULT_LEAKY_SLOPE } from "@backprop/activations";

/**
 * leakyRelu's slope from its name: "leakyRelu" is DEFAULT_LEAKY_SLOPE (0.01) and
 * "leakyRelu(s)" is s, the names @backprop/activations gives them. null for other names.
 */
export function leakySlope(name: string): number | null {
  if (name === "leakyRelu") return DEFAULT_LEAKY_SLOPE;
  const match = /^leakyRelu\((.+)\)$/.exec(name);
  const slope = match ? Number(match[1]) : Number.NaN;
  return Number.isFinite(slope) ? slope : null;
}

/** The name of leakyRelu with `slope`, as leakyRelu(slope).name gives it. */
export function leakyName(slope: number): string {
  return slope === DEFAULT_LEAKY_SLOPE ? "leakyRelu" : `leakyRelu(${slope})`;
}

/**
 * The shortest decimal that rounds to `value` in float32: formats that keep a slope as
 * float32 (ONNX's LeakyRelu alpha) give back 0.2 for the 0.2 that was written, not
 * 0.20000000298023224.
 */
export function shortestFloat32(value: number): number {
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}
