import fc from "fast-check";

/**
 * Fuzzing inputs for fast-check: changes to a valid file (what a damaged download or a
 * hostile editor does), and IDX headers made up from scratch (what a header parser must
 * survive: unknown types, 0 or 255 dimensions, sizes near 2³²).
 */
export type Mutation =
  | { kind: "flip"; at: number; bit: number }
  | { kind: "set"; at: number; value: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "cut"; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({
    kind: fc.constant("set" as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(0, 1, 0x7f, 0x80, 0xff), fc.nat(255)),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
);

/** `seed` with `mutations` applied in order (the seed is not changed). */
export function mutate(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Uint8Array.from(seed);
  for (const m of mutations) {
    const at = m.at % (bytes.length + 1);
    if (m.kind === "insert") {
      bytes = Uint8Array.from([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
    } else if (m.kind === "cut") {
      bytes = bytes.subarray(0, at);
    } else if (bytes.length > 0) {
      const i = at % bytes.length;
      bytes[i] = m.kind === "flip" ? bytes[i] ^ (1 << m.bit) : m.value;
    }
  }
  return bytes;
}

/** A seed chosen from `seeds`, changed by one to four mutations. */
export function mutated(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([which, mutations]) => mutate(seeds[which], mutations));
}

/** An IDX header made up from scratch, followed by up to 64 bytes of values. */
export const madeUpIdx: fc.Arbitrary<Uint8Array> = fc
  .record({
    zeros: fc.constantFrom([0, 0], [0, 0], [0, 1], [0x1f, 0x8b]),
    type: fc.oneof(fc.constantFrom(0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e), fc.nat(255)),
    dims: fc.oneof(
      fc.array(fc.nat(6), { minLength: 1, maxLength: 4 }),
      fc.array(fc.oneof(fc.nat(6), fc.constantFrom(0, 2 ** 31, 2 ** 32 - 1)), { maxLength: 6 }),
    ),
    rank: fc.option(fc.nat(255), { nil: undefined }),
    tail: fc.uint8Array({ maxLength: 64 }),
  })
  .map(({ zeros, type, dims, rank, tail }) => {
    const out = new Uint8Array(4 + 4 * dims.length + tail.length);
    const view = new DataView(out.buffer);
    out.set([zeros[0], zeros[1], type, rank ?? dims.length]);
    for (const [k, d] of dims.entries()) view.setUint32(4 + 4 * k, d, false);
    out.set(tail, 4 + 4 * dims.length);
    return out;
  });
