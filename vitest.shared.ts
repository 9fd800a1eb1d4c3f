import { defaultServerConditions } from "vite";
import { defineProject } from "vitest/config";

// Tests import each package's TypeScript source through the "@backprop/source"
// export condition, so no build is needed before `vitest run` or `tsc`.
const conditions = ["@backprop/source", ...defaultServerConditions];

/** The vitest project of one package or app; `name` is what `--project` takes. */
export function packageProject(name: string, options: { testTimeout?: number } = {}) {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ["@backprop/source"] } },
    test: { name, include: ["src/**/*.test.ts", "test/**/*.test.ts"], ...options },
  });
}
