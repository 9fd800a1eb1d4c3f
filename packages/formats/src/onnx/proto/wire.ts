import { ONNX_MESSAGES } from "./onnx-schema";

/**
 * ONNX files are protobuf messages (onnx.proto's ModelProto). decode.ts and encode.ts read
 * and write them with protobufjs's Reader and Writer, driven by the field table of
 * onnx-schema.ts (generated from onnx.proto): no compiled code, so no `new Function` (see
 * the generator). This file holds what both share.
 *
 * A decoded message is a plain object keyed by onnx.proto's field names: scalars as numbers
 * or strings (int64 as a number: exact up to 2⁵³, and every size we accept is far below),
 * `bytes` as a view of the input (never copied), repeated fields as arrays, absent fields
 * absent. Nothing is allocated beyond what the bytes hold: a length prefix is checked
 * against the bytes left before it is used, and arrays grow one value at a time.
 */

/** A decoded (or to-be-encoded) message: field name → value, as onnx-types.ts describes. */
export type ProtoObject = { [field: string]: unknown };

/** The protobuf wire type of each scalar type: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
export const WIRE: Record<string, number> = {
  int32: 0,
  int64: 0,
  uint32: 0,
  uint64: 0,
  sint32: 0,
  sint64: 0,
  bool: 0,
  enum: 0,
  double: 1,
  fixed64: 1,
  sfixed64: 1,
  float: 5,
  fixed32: 5,
  sfixed32: 5,
  string: 2,
  bytes: 2,
};

/** Whether `type` names a message of onnx-schema.ts (else a scalar type). */
export const isMessage = (type: string) => Object.hasOwn(ONNX_MESSAGES, type);
