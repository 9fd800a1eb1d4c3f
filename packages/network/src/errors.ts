/** A network was asked for something its shape or settings cannot give (wrong input size…). */
export class NetworkShapeError extends RangeError {
  /** "NetworkShapeError", for `error.name` checks and logs (it is also a RangeError). */
  override readonly name = "NetworkShapeError";
}

/**
 * A model file (ours or network2.py's) is malformed. `path` says where, in the notation
 * of the JSON (e.g. `weights[1][3][7]`), and the message what was expected and found.
 */
export class ModelFileError extends Error {
  /** "ModelFileError", for `error.name` checks and logs. */
  override readonly name = "ModelFileError";
  constructor(
    /** Where in the file, e.g. `weights[1][3][7]`; "" for the file as a whole. */
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(path ? `model file, at ${path}: ${message}` : `model file: ${message}`, options);
  }
}
