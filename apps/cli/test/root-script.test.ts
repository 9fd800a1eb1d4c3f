import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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

describe("npm run setup", () => {
  // The script's first step, run with stand-ins for pnpm and npm that only record calls.
  const root = fileURLToPath(new URL("../../../package.json", import.meta.url));
  const setup = JSON.parse(readFileSync(root, "utf8")).scripts.setup as string;
  const pnpmStep = setup.slice(0, setup.indexOf(" && pnpm install"));

  function runWithPnpm(version: string): string {
    const bin = tempDir();
    const log = join(bin, "calls.log");
    writeFileSync(join(bin, "pnpm"), `#!/bin/sh\necho ${version}\n`, { mode: 0o755 });
    writeFileSync(join(bin, "npm"), `#!/bin/sh\necho "npm $*" >> ${log}\n`, { mode: 0o755 });
    spawnSync("sh", ["-c", pnpmStep], { env: { ...process.env, PATH: `${bin}:/usr/bin:/bin` } });
    return existsSync(log) ? readFileSync(log, "utf8") : "";
  }

  it("leaves the right pnpm alone and installs it only when it is missing or another version", () => {
    const wanted = pnpmStep.match(/grep -qx ([\d.]+)/)?.[1];
    expect(wanted).toMatch(/^\d+\.\d+\.\d+$/);
    expect(runWithPnpm(wanted as string)).toBe("");
    expect(runWithPnpm("9.0.0")).toBe(`npm i -g pnpm@${wanted}\n`);
  });
});
