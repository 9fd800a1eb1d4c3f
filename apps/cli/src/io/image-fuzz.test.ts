import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { imageTarget } from "../../fuzz/targets/image";
import { ImageFormatError } from "./gray-image";

/** One change to a file: a bit flipped, a byte set, bytes inserted, or the file cut. */
type Mutation =
  | { kind: "flip"; at: number; bit: number }
  | { kind: "set"; at: number; value: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "cut"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({
    kind: fc.constant("set" as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(0, 1, 0x7f, 0x80, 0xff, 0x2d, 0x23, 0x20), fc.nat(255)),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
);

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Uint8Array.from(seed);
  for (const m of mutations) {
    if (bytes.length === 0) break;
    const at = m.at % (bytes.length + (m.kind === "insert" ? 1 : 0));
    if (m.kind === "flip") bytes[at] ^= 1 << m.bit;
    else if (m.kind === "set") bytes[at] = m.value;
    else if (m.kind === "insert")
      bytes = Uint8Array.from([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
    else bytes = bytes.subarray(0, at);
  }
  return bytes;
}

describe("decoding mutated images (seeded fuzz)", () => {
  const seeds = imageTarget.seeds() as Uint8Array[];

  it("decodes every seed", () => {
    expect(seeds.length).toBeGreaterThanOrEqual(10);
    for (const seed of seeds) expect(() => imageTarget.run(seed)).not.toThrow();
  });

  it("throws only ImageFormatError, and returns only pixels in [0, 1]", () => {
    let decoded = 0;
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.nat(seeds.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (which, mutations) => {
          const input = mutate(seeds[which], mutations);
          let image: ReturnType<typeof imageTarget.run>;
          try {
            image = imageTarget.run(input);
          } catch (error) {
            if (!(error instanceof ImageFormatError)) throw error;
            expect(imageTarget.isTyped(error)).toBe(true);
            expect(error.message.length).toBeLessThan(400);
            rejected++;
            return;
          }
          const { width, height, pixels } = image as {
            width: number;
            height: number;
            pixels: Float64Array;
          };
          expect(pixels.length).toBe(width * height);
          for (const v of pixels) expect(v >= 0 && v <= 1).toBe(true);
          decoded++;
        },
      ),
      { seed: 20_251_205, numRuns: 3000, interruptAfterTimeLimit: 2500 },
    );
    // Both outcomes happen: the mutations are neither all harmless nor all fatal.
    expect(decoded).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});
