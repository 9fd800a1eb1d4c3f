/**
 * Where a command's words go. Human text to stdout; with --json, one JSON object per line
 * instead (and nothing else on stdout, so scripts can parse it); --quiet keeps only results.
 */
export interface Output {
  json: boolean;
  quiet: boolean;
  /** Progress bars only on a terminal, and never with --json or --quiet. */
  progress: boolean;
  /** A line of human text (suppressed by --json; by --quiet unless `essential`). */
  say(text: string, essential?: boolean): void;
  /** One JSON record (only with --json). */
  record(value: Record<string, unknown>): void;
}

export function createOutput(options: { json?: boolean; quiet?: boolean }): Output {
  const json = options.json ?? false;
  const quiet = options.quiet ?? false;
  return {
    json,
    quiet,
    progress: !json && !quiet && process.stderr.isTTY === true,
    say(text, essential = false) {
      if (!json && (essential || !quiet)) process.stdout.write(`${text}\n`);
    },
    record(value) {
      if (json) process.stdout.write(`${JSON.stringify(value)}\n`);
    },
  };
}
