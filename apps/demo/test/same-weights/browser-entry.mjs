// Chromium's side of same-weights.test.ts: the page fetches the same 2,000 images and labels
// from the test's server and runs the same training.
import { trainAndHash } from "./train-and-hash.mjs";

globalThis.sameWeights = async () => {
  const fetchBytes = async (path) => new Uint8Array(await (await fetch(path)).arrayBuffer());
  const [pixels, labels] = await Promise.all([fetchBytes("/pixels"), fetchBytes("/labels")]);
  return { runtime: navigator.userAgent, ...(await trainAndHash(pixels, labels)) };
};
