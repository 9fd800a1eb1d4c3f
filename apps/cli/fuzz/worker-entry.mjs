// A worker's entry must be JavaScript Node can load before any hook runs: register tsx's
// loader here, then run the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
