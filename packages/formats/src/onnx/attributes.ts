import { OnnxUnsupportedError } from "./errors";
import type { AttributeProto, NodeProto } from "./proto/onnx-types";

/**
 * A node's attributes, read with defaults (as ONNX's operator docs give them) and checked
 * for the values our layers implement; anything else is an OnnxUnsupportedError naming the
 * node, the attribute and what is supported.
 */
export interface Attributes {
  /** The node, for messages. */
  readonly node: NodeProto;
  /** An INT attribute, or `fallback`. */
  int(name: string, fallback: number): number;
  /** A FLOAT attribute, or `fallback`. */
  float(name: string, fallback: number): number;
  /** An INTS attribute, or `fallback`. */
  ints(name: string, fallback: readonly number[]): number[];
  /** A STRING attribute, or `fallback`. */
  string(name: string, fallback: string): string;
  /** Throws unless the attribute is absent or has one of `allowed` (by value). */
  only(name: string, allowed: readonly (number | string | readonly number[])[], why: string): void;
  /** The error to throw for this node, saying `message`. */
  unsupported(message: string): OnnxUnsupportedError;
}

const decoder = new TextDecoder();

/** The attributes of `node`. */
export function attributesOf(node: NodeProto): Attributes {
  const byName = new Map<string, AttributeProto>();
  for (const a of node.attribute ?? []) byName.set(a.name ?? "", a);
  const unsupported = (message: string) =>
    new OnnxUnsupportedError(node.name ?? "", node.op_type ?? "", message);
  const value = (name: string): unknown => {
    const a = byName.get(name);
    if (!a) return undefined;
    return a.i ?? a.f ?? (a.s ? decoder.decode(a.s) : undefined) ?? a.ints ?? a.floats;
  };
  const attributes: Attributes = {
    node,
    int: (name, fallback) => byName.get(name)?.i ?? fallback,
    float: (name, fallback) => byName.get(name)?.f ?? fallback,
    ints: (name, fallback) => [...(byName.get(name)?.ints ?? fallback)],
    string(name, fallback) {
      const s = byName.get(name)?.s;
      return s ? decoder.decode(s) : fallback;
    },
    only(name, allowed, why) {
      const v = value(name);
      if (v === undefined) return;
      const same = (x: unknown) => JSON.stringify(x) === JSON.stringify(v);
      if (!allowed.some(same)) {
        throw unsupported(`has ${name} = ${JSON.stringify(v)}; ${why}`);
      }
    },
    unsupported,
  };
  return attributes;
}
