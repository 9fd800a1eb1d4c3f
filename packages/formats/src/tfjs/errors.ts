/**
 * A TensorFlow.js layers model cannot be read: model.json is not one (not an object, not a
 * Sequential model, a layer without its config), its weights do not match the manifest
 * (too few bytes, a weight missing or of the wrong shape, not float32), or a layer is not
 * one our layers can hold (its message lists what is supported). `where` names the place:
 * `layer "dense_1" (Dense)`, `weightsManifest`, `modelTopology`.
 */
export class TfjsFormatError extends Error {
  /** "TfjsFormatError", for `error.name` checks and logs. */
  override readonly name = "TfjsFormatError";
  constructor(
    /** Where in model.json or the weights, e.g. `layer "dense_1" (Dense)`; "" for the whole. */
    readonly where: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(
      where ? `TensorFlow.js model, at ${where}: ${message}` : `TensorFlow.js model: ${message}`,
      options,
    );
  }
}
