/**
 * One file format for `pnpm fuzz` (apps/cli/fuzz/run.ts): valid seeds to mutate, the public
 * API call that reads an input, and which errors count as the typed, promised ones. Anything
 * else thrown is a crash; a run that does not settle within the runner's time limit, a hang.
 */
export interface FuzzTarget {
  /** Short format name, as the report prints it ("idx", "png", "model", …). */
  readonly name: string;
  /** Valid inputs the mutators start from. */
  seeds(): Uint8Array[] | Promise<Uint8Array[]>;
  /** Reads one input through the public API, as a user's file would be read. */
  run(input: Uint8Array): unknown;
  /** True for the errors this format promises (typed, saying what was expected). */
  isTyped(error: unknown): boolean;
}
