import { defineConfig } from "vitest/config";

// One root config: `pnpm test:unit` runs every package and app, the examples, and the API
// reference check (scripts/docs.test.ts); `vitest run --project @backprop/linalg` runs one.
export default defineConfig({
  test: {
    projects: [
      "packages/*",
      "apps/*",
      "examples",
      { test: { name: "docs", include: ["scripts/**/*.test.ts"], testTimeout: 120_000 } },
    ],
  },
});
