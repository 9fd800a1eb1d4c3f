import { describe, expect, it } from "vitest";
import { ChecksumError } from "./errors";
import { sha256Hex, verifySha256 } from "./sha256";

// FIPS 180-2's test vector: SHA-256("abc").
const ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const abc = new TextEncoder().encode("abc");

describe("sha256", () => {
  it("matches the standard test vector", async () => {
    expect(await sha256Hex(abc)).toBe(ABC);
    await expect(verifySha256(abc, ABC.toUpperCase(), "abc")).resolves.toBeUndefined();
  });

  it("throws a ChecksumError naming both digests on a mismatch", async () => {
    const wrong = "0".repeat(64);
    const check = verifySha256(abc, wrong, "file.gz");
    await expect(check).rejects.toBeInstanceOf(ChecksumError);
    await expect(verifySha256(abc, wrong, "file.gz")).rejects.toMatchObject({
      code: "checksum",
      expectedDigest: wrong,
      actualDigest: ABC,
      message: expect.stringContaining(`file.gz: expected SHA-256 ${wrong}, found ${ABC}`),
    });
  });

  it("rejects a digest that is not 64 hex digits", async () => {
    await expect(verifySha256(abc, "abc", "x")).rejects.toThrow("expected 64 hex digits");
  });
});
