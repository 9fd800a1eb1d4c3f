/**
 * A model cannot be written in the format asked for: a user's own activation that the format
 * has no operator for (and no hook was given), a user's own layer kind, or a combination the
 * format cannot express. `layer` is the index of the layer in question (null: the model as a
 * whole), and the message says what to do instead.
 */
export class ExportError extends Error {
  /** "ExportError", for `error.name` checks and logs. */
  override readonly name = "ExportError";
  constructor(
    /** The format being written. */
    readonly format: "onnx" | "tfjs",
    /** The layer that cannot be written (a Network's l: its weights[l]); null: the whole model. */
    readonly layer: number | null,
    message: string,
  ) {
    super(`${format === "onnx" ? "ONNX" : "TensorFlow.js"} export: ${message}`);
  }
}
