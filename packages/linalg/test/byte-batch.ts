import { ByteColumns } from "../src/byte-columns";
import type { Rng } from "../src/random";

/** A random batch of byte images (inputs × m), about 30% of pixels inked with 1…255. */
export function byteBatch(inputs: number, m: number, rng: Rng): ByteColumns {
  const bytes = new ByteColumns(inputs, m, inputs * m);
  let t = 0;
  for (let j = 0; j < m; j++) {
    bytes.colStart[j] = t;
    for (let r = 0; r < inputs; r++) {
      if (rng.uniform() < 0.3) {
        bytes.rowIndex[t] = r;
        bytes.values[t++] = 1 + rng.integer(255);
      }
    }
  }
  bytes.colStart[m] = t;
  return bytes;
}
