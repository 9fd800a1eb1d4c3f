import { ChecksumError } from "./errors";

/** The SHA-256 digest of `bytes` as 64 lowercase hex digits (Web Crypto: browsers and Node ≥ 19). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Throws a ChecksumError unless `bytes` hash to `expected` (hex, any case). */
export async function verifySha256(
  bytes: Uint8Array,
  expected: string,
  source: string,
  hint = "the data is corrupt or has changed: fetch it again, or update the expected digest if the new file is right",
): Promise<void> {
  if (!/^[0-9a-fA-F]{64}$/.test(expected)) {
    throw new RangeError(`sha256: expected 64 hex digits, got ${JSON.stringify(expected)}`);
  }
  const actual = await sha256Hex(bytes);
  if (actual !== expected.toLowerCase()) {
    throw new ChecksumError(source, expected.toLowerCase(), actual, hint);
  }
}
