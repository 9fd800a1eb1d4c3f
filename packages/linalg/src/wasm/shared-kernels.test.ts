import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { KERNELS_WASM_BASE64 } from "./kernels-binary";
import { WasmRewriteError, withSharedMemory } from "./shared-kernels";

const privateKernels = () => new Uint8Array(Buffer.from(KERNELS_WASM_BASE64, "base64"));

/** A module of only a header and the given sections (id, contents). */
function moduleOf(...sections: [number, number[]][]): Uint8Array {
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (const [id, contents] of sections) bytes.push(id, contents.length, ...contents);
  return Uint8Array.from(bytes);
}
const name = (text: string) => [text.length, ...Buffer.from(text)];

describe("withSharedMemory", () => {
  it("gives exactly the bytes wabt compiles from the kernels with a shared memory", () => {
    const script = fileURLToPath(new URL("../../scripts/build-wasm.mjs", import.meta.url));
    const wabtShared = execFileSync(process.execPath, [script, "--shared"], { encoding: "utf8" });
    const derived = withSharedMemory(privateKernels());
    expect(Buffer.from(derived).toString("base64")).toBe(wabtShared);
  });

  it("makes a module that needs a shared memory, and runs on one", async () => {
    const module = new WebAssembly.Module(withSharedMemory(privateKernels()));
    const [memoryImport] = WebAssembly.Module.imports(module);
    expect(memoryImport).toMatchObject({ module: "env", name: "memory", kind: "memory" });
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    await expect(
      WebAssembly.instantiate(module, { env: { memory: shared } }),
    ).resolves.toBeDefined();
    const unshared = new WebAssembly.Memory({ initial: 1 });
    await expect(WebAssembly.instantiate(module, { env: { memory: unshared } })).rejects.toThrow();
  });

  it("keeps a maximum the module gives, and skips imports before the memory", () => {
    // imports: a function (type 0), a global (i32, immutable), then memory min 2 max 300
    const imports = [
      3,
      ...name("env"),
      ...name("f"),
      0x00,
      0x00,
      ...name("env"),
      ...name("g"),
      0x03,
      0x7f,
      0x00,
      ...name("env"),
      ...name("memory"),
      0x02,
      0x01,
      0x02,
      0xac,
      0x02,
    ];
    const types = [1, 0x60, 0, 0]; // one type: () -> ()
    const out = withSharedMemory(moduleOf([1, types], [2, imports], [0, [0x01, 0x61]]));
    const limits = [0x03, 0x02, 0xac, 0x02];
    const expected = moduleOf(
      [1, types],
      [2, [...imports.slice(0, -4), ...limits]],
      [0, [0x01, 0x61]], // the custom section after it, unchanged
    );
    expect([...out]).toEqual([...expected]);
  });

  it("refuses a module without a memory import", () => {
    expect(() => withSharedMemory(moduleOf([1, [0]]))).toThrow(WasmRewriteError);
    expect(() =>
      withSharedMemory(moduleOf([2, [1, ...name("env"), ...name("f"), 0x00, 0x00]])),
    ).toThrow(/imports no memory, so it has none to share/);
  });
  it("refuses malformed modules and memories it cannot make shared, never rewriting them", () => {
    const memory = (flags: number[]) => [1, ...name("env"), ...name("memory"), 0x02, ...flags];
    const refusals: [Uint8Array, RegExp][] = [
      [Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x02, 0, 0, 0]), /not a WebAssembly 1 module/],
      [
        Uint8Array.from([...moduleOf([1, [0]]).subarray(0, 9), 40, 0]),
        /runs past the module's end/,
      ],
      [moduleOf([2, memory([0x04, 0x01])]), /flags 0x4; only a 32-bit memory/], // memory64
      [moduleOf([2, memory([0x03, 0x01, 0x02])]), /flags 0x3/], // already shared
      [moduleOf([2, [1, ...name("env"), ...name("g"), 0x03, 0x63, 0x00]]), /kind 3 and type 0x63/],
      [moduleOf([2, [1, 50, 0x65]]), /a name runs past its section/],
      [moduleOf([2, [0xff, 0xff, 0xff, 0xff, 0x7f]]), /past 32 bits/],
    ];
    for (const [bytes, message] of refusals) {
      expect(() => withSharedMemory(bytes)).toThrow(WasmRewriteError);
      expect(() => withSharedMemory(bytes)).toThrow(message);
    }
  });
});
