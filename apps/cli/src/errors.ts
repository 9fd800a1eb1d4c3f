/** Exit codes: 0 success, 1 runtime failure, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A bad flag, argument or combination: the user must change the command (exit code 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** "--flag: expected …, got …" — the shape of every bad-value message. */
export function badValue(flag: string, got: string, expected: string): UsageError {
  return new UsageError(`${flag}: expected ${expected}, got ${JSON.stringify(got)}`);
}
