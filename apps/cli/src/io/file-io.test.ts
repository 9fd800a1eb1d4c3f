import { execFileSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkWritable, writeFileAtomic } from "./atomic-write";
import { FileAccessError } from "./file-errors";
import { readRegularFile } from "./read-file";

const dir = () => mkdtempSync(join(tmpdir(), "backprop-io-"));

/** A pid that runs no process here: past the kernel's pid_max. */
const DEAD_PID = 4_194_305;

function fifoAt(path: string): boolean {
  try {
    execFileSync("mkfifo", [path]);
    return true;
  } catch {
    return false;
  }
}

describe("writeFileAtomic", () => {
  it("writes through a symlink to its target, leaving the link a link", () => {
    const d = dir();
    writeFileSync(join(d, "real.json"), "old");
    symlinkSync(join(d, "real.json"), join(d, "link.json"));
    writeFileAtomic(join(d, "link.json"), "new");
    expect(lstatSync(join(d, "link.json")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, "real.json"), "utf8")).toBe("new");
  });

  it("refuses a folder or a FIFO at the path, replacing nothing", () => {
    const d = dir();
    mkdirSync(join(d, "folder"));
    expect(() => writeFileAtomic(join(d, "folder"), "x", "--save")).toThrow(
      /--save .*folder: that is a folder/,
    );
    if (fifoAt(join(d, "pipe"))) {
      expect(() => writeFileAtomic(join(d, "pipe"), "x", "--save")).toThrow(FileAccessError);
      expect(lstatSync(join(d, "pipe")).isFIFO()).toBe(true);
    }
  });

  it("creates a missing folder, and refuses one that cannot be made, before the write", () => {
    const d = dir();
    writeFileAtomic(join(d, "new", "deeper", "model.json"), "x");
    expect(readFileSync(join(d, "new", "deeper", "model.json"), "utf8")).toBe("x");
    writeFileSync(join(d, "file"), "");
    expect(() => checkWritable(join(d, "file", "model.json"), "--save")).toThrow(
      /--save .*cannot create the folder/,
    );
  });

  it("removes a killed write's temporary file, keeps a live one's", () => {
    const d = dir();
    const target = join(d, "run.ckpt");
    const stale = `${target}.${DEAD_PID}.tmp`;
    const live = `${target}.${process.ppid}.tmp`;
    writeFileSync(stale, "half a checkpoint");
    writeFileSync(live, "being written");
    writeFileAtomic(target, "whole");
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("whole");
  });
});

describe("readRegularFile", () => {
  it("refuses a file larger than the limit before reading it", () => {
    const d = dir();
    writeFileSync(join(d, "big"), Buffer.alloc(2048));
    expect(() => readRegularFile(join(d, "big"), "the model file", 1024)).toThrow(
      /2048 bytes, more than the 1024/,
    );
    expect(readRegularFile(join(d, "big"), "the model file", 4096)).toHaveLength(2048);
  });

  it("refuses folders and FIFOs (a FIFO would block the read forever)", () => {
    const d = dir();
    expect(() => readRegularFile(d, "the checkpoint", 1024)).toThrow(/is a folder/);
    expect(() => readRegularFile(join(d, "none"), "the checkpoint", 1024)).toThrow(/no such file/);
    if (fifoAt(join(d, "pipe")))
      expect(() => readRegularFile(join(d, "pipe"), "the checkpoint", 1024)).toThrow(
        /not a regular file/,
      );
  });
});
