import { defineConfig } from "tsup";

// The command is ESM only; tsup keeps src/cli.ts's `#!/usr/bin/env node` line and marks
// the output executable. Our packages stay external: they resolve from node_modules.
export default defineConfig({
  entry: ["src/cli.ts"],
  format: ["esm"],
  sourcemap: true,
  clean: true,
  target: "node20",
});
