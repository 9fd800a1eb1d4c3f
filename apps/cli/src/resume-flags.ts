import { UsageError } from "./errors";
import { refuseRemote } from "./model-data";
import { RESUMABLE_FLAGS } from "./train-settings";

/**
 * The settings a `--resume` run trains with: the checkpoint's, with --epochs (and --threads,
 * which does not change the arithmetic) taken from the command line. Any other flag that
 * would change the run is refused by name; --dataset may only repeat the checkpoint's (to
 * allow its download), and without it a checkpoint naming a URL is refused.
 */
export function resumedSettings<S extends { dataset: string; epochs: number }>(
  flags: Record<string, unknown>,
  explicit: Set<string>,
  saved: S,
  path: string,
): S {
  refuseChangedFlags(explicit);
  const named = saved.dataset;
  if (explicit.has("dataset") && flags.dataset !== named) {
    throw new UsageError(
      `--resume continues on the checkpoint's data set, ${JSON.stringify(named)}; --dataset may only repeat it (to allow its download), so drop it or give that`,
    );
  }
  if (!explicit.has("dataset")) refuseRemote(named, `${path} was trained`);
  return { ...saved, ...(flags.epochs !== undefined ? { epochs: flags.epochs as number } : {}) };
}

/**
 * Throws a UsageError naming every flag given with --resume that would change the run:
 * called before the checkpoint is read, so a mistyped command fails at once.
 */
export function refuseChangedFlags(explicit: Set<string>): void {
  const changed = [...explicit].filter(
    (name) => !RESUMABLE_FLAGS.includes(name) && name !== "dataset",
  );
  if (changed.length > 0) {
    throw new UsageError(
      `--resume continues with the checkpoint's settings; drop ${changed.map((c) => `--${kebab(c)}`).join(", ")} (only --epochs, --save, --checkpoint, --json and --quiet may change)`,
    );
  }
}

/** --weightDecay → weight-decay, for messages that name flags. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
