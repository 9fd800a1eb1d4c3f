import protobuf from "protobufjs/minimal.js";
import { OnnxFormatError } from "../errors";
import { type FieldSpec, ONNX_MESSAGES } from "./onnx-schema";
import { isMessage, type ProtoObject, WIRE } from "./wire";

/**
 * Reading onnx.proto messages (see wire.ts for the objects): protobufjs's Reader, driven by
 * the field table. Every length prefix is checked against the bytes left in its message
 * before it is used, and nesting is limited, so damaged bytes end in an OnnxFormatError.
 */

const { Reader } = protobuf;
type ProtoReader = InstanceType<typeof Reader>;

/** Nested messages deeper than this are refused (graphs inside attributes inside graphs…). */
const MAX_DEPTH = 64;

const byNumber = new Map<string, Map<number, FieldSpec>>();

/** The fields of message `type` by number (built once per type). */
function fieldsOf(type: string): Map<number, FieldSpec> {
  let fields = byNumber.get(type);
  if (!fields) {
    fields = new Map((ONNX_MESSAGES[type] ?? []).map((f) => [f[0], f]));
    byNumber.set(type, fields);
  }
  return fields;
}

/** A 64-bit integer as protobufjs returns it (a number, or a Long when `long` is installed). */
function toNumber(value: number | protobuf.Long, unsigned: boolean): number {
  return typeof value === "number" ? value : protobuf.util.LongBits.from(value).toNumber(unsigned);
}

function readScalar(reader: ProtoReader, type: string): unknown {
  switch (type) {
    case "int32":
    case "enum":
      return reader.int32();
    case "uint32":
      return reader.uint32();
    case "int64":
      return toNumber(reader.int64(), false);
    case "uint64":
      return toNumber(reader.uint64(), true);
    case "bool":
      return reader.bool();
    case "float":
      return reader.float();
    case "double":
      return reader.double();
    case "string":
      return reader.string();
    case "bytes":
      return reader.bytes();
    default:
      throw new Error(`onnx-schema.ts names type ${type}, which decode.ts does not read`);
  }
}

/** The end of a length-delimited value starting at the reader's position, checked. */
function delimitedEnd(reader: ProtoReader, end: number, what: string): number {
  const length = reader.uint32();
  const stop = reader.pos + length;
  if (stop > end) {
    throw new OnnxFormatError(
      what,
      `declares ${length} bytes but only ${end - reader.pos} are left: the file is truncated or not ONNX`,
    );
  }
  return stop;
}

function readMessage(
  reader: ProtoReader,
  type: string,
  end: number,
  depth: number,
  path: string,
): ProtoObject {
  if (depth > MAX_DEPTH) {
    throw new OnnxFormatError(path, `messages nest deeper than ${MAX_DEPTH} levels`);
  }
  const fields = fieldsOf(type);
  const message: ProtoObject = {};
  while (reader.pos < end) {
    const tag = reader.uint32();
    const spec = fields.get(tag >>> 3);
    const wire = tag & 7;
    if (!spec) {
      reader.skipType(wire); // a field this schema does not know (a newer ONNX): skipped
      continue;
    }
    const [, name, fieldType, rule] = spec;
    const where = `${path}.${name}`;
    const expected = isMessage(fieldType) ? 2 : WIRE[fieldType];
    const read = (): unknown => {
      if (!isMessage(fieldType)) return readScalar(reader, fieldType);
      const stop = delimitedEnd(reader, end, where);
      return readMessage(reader, fieldType, stop, depth + 1, where);
    };
    if (rule === 0) {
      if (wire !== expected) throw wrongWire(where, wire, expected);
      message[name] = read();
      continue;
    }
    if (!message[name]) message[name] = [];
    const list = message[name] as unknown[];
    if (wire === 2 && expected !== 2) {
      const stop = delimitedEnd(reader, end, where); // packed scalars
      while (reader.pos < stop) list.push(readScalar(reader, fieldType));
      if (reader.pos !== stop) throw new OnnxFormatError(where, "a packed value runs past its end");
    } else if (wire === expected) {
      list.push(read());
    } else {
      throw wrongWire(where, wire, expected);
    }
  }
  if (reader.pos !== end) {
    throw new OnnxFormatError(path, "the last field runs past the end of its message");
  }
  return message;
}

function wrongWire(where: string, wire: number, expected: number): OnnxFormatError {
  return new OnnxFormatError(
    where,
    `has protobuf wire type ${wire}, onnx.proto says ${expected}: the file is damaged or not ONNX`,
  );
}

/**
 * Decodes `bytes` as message `type` of onnx.proto (e.g. "ModelProto"). Throws an
 * OnnxFormatError for bytes that are not such a message (truncated, damaged, not ONNX).
 */
export function decodeMessage(bytes: Uint8Array, type: string): ProtoObject {
  const reader = Reader.create(bytes);
  try {
    return readMessage(reader, type, bytes.length, 0, type);
  } catch (error) {
    if (error instanceof OnnxFormatError) throw error;
    // protobufjs's own: "index out of range: 12 + 10 > 16", "invalid wire type 7 at offset 3"
    throw new OnnxFormatError(
      "",
      `not a valid ONNX (protobuf) file: ${(error as Error).message} (the file is truncated, damaged, or not ONNX)`,
      { cause: error },
    );
  }
}
