/**
 * An ONNX file cannot be read: it is not a valid ModelProto (truncated, damaged, not ONNX),
 * or it is one whose contents are wrong or out of reach (a missing initializer, a shape that
 * does not match its data, a size too large to hold, an unknown opset or domain). `where`
 * names the place: a field path such as `ModelProto.graph.initializer`, an initializer
 * (`initializer "fc1.weight"`) or a node (`node "/conv1/Conv" (Conv)`).
 */
export class OnnxFormatError extends Error {
  /** "OnnxFormatError", or a subclass's name. */
  override readonly name: string = "OnnxFormatError";
  constructor(
    /** Where in the file, e.g. `initializer "fc1.weight"`; "" for the file as a whole. */
    readonly where: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(where ? `ONNX file, at ${where}: ${message}` : `ONNX file: ${message}`, options);
  }
}

/**
 * A node of a valid ONNX graph that no layer of @backprop/network can hold: an operator
 * outside the supported subset (its message lists the subset), a supported operator with an
 * attribute value we do not implement (e.g. dilations ≠ 1), or a graph that is not a chain.
 */
export class OnnxUnsupportedError extends OnnxFormatError {
  /** "OnnxUnsupportedError". */
  override readonly name = "OnnxUnsupportedError";
  constructor(
    /** The node's name ("" when it has none). */
    readonly node: string,
    /** The node's op_type, e.g. "LSTM". */
    readonly opType: string,
    message: string,
  ) {
    super(`node ${JSON.stringify(node)} (${opType})`, message);
  }
}
