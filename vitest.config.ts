import { defineConfig } from "vitest/config";

// One root config: `pnpm test:unit` runs every package and app;
// `vitest run --project @backprop/linalg` runs one.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
  },
});
