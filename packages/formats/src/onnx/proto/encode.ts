import protobuf from "protobufjs/minimal.js";
import { ONNX_MESSAGES } from "./onnx-schema";
import { isMessage, type ProtoObject, WIRE } from "./wire";

/** Writing onnx.proto messages (see wire.ts for the objects): protobufjs's Writer, driven by the field table. */

const { Writer } = protobuf;
type ProtoWriter = InstanceType<typeof Writer>;

function writeScalar(writer: ProtoWriter, type: string, value: unknown): void {
  switch (type) {
    case "int32":
    case "enum":
      writer.int32(value as number);
      return;
    case "uint32":
      writer.uint32(value as number);
      return;
    case "int64":
      writer.int64(value as number);
      return;
    case "uint64":
      writer.uint64(value as number);
      return;
    case "bool":
      writer.bool(value as boolean);
      return;
    case "float":
      writer.float(value as number);
      return;
    case "double":
      writer.double(value as number);
      return;
    case "string":
      writer.string(value as string);
      return;
    case "bytes":
      writer.bytes(value as Uint8Array);
      return;
    default:
      throw new Error(`onnx-schema.ts names type ${type}, which encode.ts does not write`);
  }
}

function writeMessage(writer: ProtoWriter, type: string, message: ProtoObject): void {
  for (const [id, name, fieldType, rule] of ONNX_MESSAGES[type]) {
    const value = message[name];
    if (value === undefined || value === null) continue;
    const one = (v: unknown) => {
      if (isMessage(fieldType)) {
        writer.uint32((id << 3) | 2).fork();
        writeMessage(writer, fieldType, v as ProtoObject);
        writer.ldelim();
      } else {
        writer.uint32((id << 3) | WIRE[fieldType]);
        writeScalar(writer, fieldType, v);
      }
    };
    if (rule === 0) one(value);
    else if (rule === 2) {
      const values = value as ArrayLike<unknown>;
      if (values.length === 0) continue;
      writer.uint32((id << 3) | 2).fork();
      for (let i = 0; i < values.length; i++) writeScalar(writer, fieldType, values[i]);
      writer.ldelim();
    } else for (const v of value as unknown[]) one(v);
  }
}

/** Encodes `message` as message `type` of onnx.proto: the bytes of a .onnx file for "ModelProto". */
export function encodeMessage(message: ProtoObject, type: string): Uint8Array {
  const writer = Writer.create();
  writeMessage(writer, type, message);
  const bytes = writer.finish();
  // A Node Buffer is a Uint8Array already; give every caller the same plain type.
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
