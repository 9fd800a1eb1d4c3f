/**
 * The shared-memory kernels for Node's kernel thread, made at load time from the private
 * module's bytes. Reached through the "#shared-kernels" import (package.json), whose other
 * side, no-shared-kernels.ts, leaves this code out of browser bundles. The two modules
 * differ only in the limits of their one memory import, `(memory 1)` against
 * `(memory 1 65536 shared)`: shipping the second as its own 30 kB of base64 cost every
 * install and Node bundle that much for 3 bytes. A test checks that this
 * gives exactly the bytes wabt compiles from the shared text (build-wasm.mjs --shared).
 *
 * The binary format (WebAssembly core specification, "Modules" in the binary format):
 *   module   = magic "\0asm", version 1 (8 bytes), then sections
 *   section  = id:u8, size:u32 (LEB128), contents
 *   imports  = section 2: count:u32, then per import module:name field:name kind:u8 desc
 *   name     = length:u32, UTF-8 bytes
 *   desc     = function 0x00 typeidx:u32 | table 0x01 reftype:u8 limits
 *            | memory 0x02 limits | global 0x03 valtype:u8 mutability:u8
 *   limits   = 0x00 min:u32 | 0x01 min:u32 max:u32 | shared: 0x03 min:u32 max:u32
 * Only the types of WebAssembly 2.0 are read (numbers, vectors, funcref and externref):
 * a module that imports a table or global of another type, a tag, or a 64-bit or already
 * shared memory is refused with a WasmRewriteError, never rewritten wrongly.
 */

/** "\0asm", then version 1 (little-endian u32). */
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const HEADER_BYTES = HEADER.length;
/** The value types a table or global import may have here (WebAssembly 2.0's). */
const VALUE_TYPES = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f]);
const REFERENCE_TYPES = new Set([0x70, 0x6f]);
const IMPORT_SECTION = 2;
/** An import's kind byte. */
const FUNCTION = 0;
const TABLE = 1;
const MEMORY = 2;
const GLOBAL = 3;

/** A module this cannot rewrite: malformed, or without a 32-bit unshared memory import. */
export class WasmRewriteError extends Error {
  override readonly name = "WasmRewriteError";
}

/** Reads the u32 LEB128 at `at`: its value and the offset after it. */
function readU32(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (at >= bytes.length) throw new WasmRewriteError("the module ends inside a number");
    const byte = bytes[at++];
    if (shift === 28 && byte & 0x70) throw new WasmRewriteError("a number past 32 bits");
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, at];
  }
  throw new WasmRewriteError("a number longer than 5 bytes");
}

/** `value` as u32 LEB128, in the fewest bytes (wabt's canonical form). */
function u32(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/** The offset after a name (length, bytes) at `at`. */
function skipName(bytes: Uint8Array, at: number): number {
  const [length, start] = readU32(bytes, at);
  if (start + length > bytes.length) throw new WasmRewriteError("a name runs past its section");
  return start + length;
}

/** The offset after limits at `at`. */
function skipLimits(bytes: Uint8Array, at: number): number {
  const flags = bytes[at];
  let next = readU32(bytes, at + 1)[1];
  if (flags & 1) next = readU32(bytes, next)[1];
  return next;
}

/**
 * `module` with its memory import made shared, its maximum kept or set to `maxPages`.
 * Throws a WasmRewriteError if the module has no memory import.
 */
export function withSharedMemory(module: Uint8Array, maxPages = 65536): Uint8Array<ArrayBuffer> {
  if (!HEADER.every((byte, i) => module[i] === byte))
    throw new WasmRewriteError("not a WebAssembly 1 module (its first 8 bytes are not \\0asm, 1)");
  let at = HEADER_BYTES;
  while (at < module.length) {
    const id = module[at];
    const [size, contents] = readU32(module, at + 1);
    const end = contents + size;
    if (end > module.length) throw new WasmRewriteError(`section ${id} runs past the module's end`);
    if (id === IMPORT_SECTION) {
      const section = sharedImports(module.subarray(contents, end), maxPages);
      const head = [IMPORT_SECTION, ...u32(section.length)];
      const out = new Uint8Array(at + head.length + section.length + (module.length - end));
      out.set(module.subarray(0, at));
      out.set(head, at);
      out.set(section, at + head.length);
      out.set(module.subarray(end), at + head.length + section.length);
      return out;
    }
    at = end;
  }
  throw new WasmRewriteError("the module has no import section (so it imports no memory)");
}

/** The import section's contents with the memory import's limits made shared. */
function sharedImports(section: Uint8Array, maxPages: number): Uint8Array {
  let [count, at] = readU32(section, 0);
  for (; count > 0; count--) {
    at = skipName(section, skipName(section, at));
    const kind = section[at++];
    if (kind === MEMORY) {
      const flags = section[at];
      if (flags !== 0x00 && flags !== 0x01)
        throw new WasmRewriteError(
          `the memory's limits have flags 0x${flags.toString(16)}; only a 32-bit memory that is not shared yet (0x0 or 0x1) can be made shared`,
        );
      const [min, afterMin] = readU32(section, at + 1);
      const max = flags & 1 ? readU32(section, afterMin)[0] : maxPages;
      const limits = [0x03, ...u32(min), ...u32(max)];
      const rest = section.subarray(skipLimits(section, at));
      const out = new Uint8Array(at + limits.length + rest.length);
      out.set(section.subarray(0, at));
      out.set(limits, at);
      out.set(rest, at + limits.length);
      return out;
    }
    if (kind === FUNCTION) at = readU32(section, at)[1];
    else if (kind === TABLE && REFERENCE_TYPES.has(section[at])) at = skipLimits(section, at + 1);
    else if (kind === GLOBAL && VALUE_TYPES.has(section[at])) at += 2;
    else
      throw new WasmRewriteError(
        `an import of kind ${kind}${kind === TABLE || kind === GLOBAL ? ` and type 0x${section[at]?.toString(16)}` : ""}, which this reader does not know (it reads WebAssembly 2.0's)`,
      );
  }
  throw new WasmRewriteError("the module imports no memory, so it has none to share");
}

/** The kernels' module made shared, given the private one's bytes; null in browsers. */
export const sharedKernels: ((privateModule: Uint8Array) => Uint8Array<ArrayBuffer>) | null =
  withSharedMemory;
