import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The kernel thread on every runtime we support, from the built package (`pnpm test`
 * builds first): Node, and Bun and Deno as installed from npm into .runtimes/ by
 * scripts/setup-runtimes.mjs (also part of `pnpm test`).
 */
const script = fileURLToPath(new URL("./runtime-threads.mjs", import.meta.url));
const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const runtimes = fileURLToPath(new URL("../../../.runtimes/node_modules/.bin/", import.meta.url));

const RUNTIMES: [string, string, string[]][] = [
  ["node", process.execPath, [script]],
  ["bun", `${runtimes}bun`, [script]],
  ["deno", `${runtimes}deno`, ["run", "--allow-all", script]],
];

describe("two threads on every runtime", () => {
  it.each(RUNTIMES)(
    "%s: the kernel thread starts and gives one thread's values",
    (name, bin, args) => {
      expect(existsSync(dist), "build first: pnpm build").toBe(true);
      expect(existsSync(bin), `${name} is missing: run node scripts/setup-runtimes.mjs`).toBe(true);
      const out = execFileSync(bin, args, { encoding: "utf8", timeout: 60_000 });
      const result = JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
      expect(result).toMatchObject({ threads: 2, equal: true });
    },
    70_000,
  );
});
