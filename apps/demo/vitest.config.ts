import { packageProject } from "../../vitest.shared.ts";

// The end-to-end test builds the site (if stale), starts Chromium and trains for real.
export default packageProject("demo", { testTimeout: 180_000 });
