import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "./run-cli";

const wrapper = fileURLToPath(new URL("../../../scripts/backprop.mjs", import.meta.url));

describe("pnpm backprop (the root script)", () => {
  it("resolves relative paths against the folder the command was typed in (INIT_CWD)", () => {
    const dir = tempDir();
    const args = ["train", "--dataset", "xor", "--layers", "2,3,2", "--epochs", "1"];
    const result = spawnSync(process.execPath, [wrapper, ...args, "--save", "here.json"], {
      cwd: fileURLToPath(new URL("../../..", import.meta.url)), // where pnpm runs root scripts
      env: { ...process.env, INIT_CWD: dir },
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, "here.json"))).toBe(true);
  });
});
