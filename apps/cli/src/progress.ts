import cliProgress from "cli-progress";
import type { Output } from "./output";

/** A progress bar per epoch on stderr (only on a terminal; see Output.progress). */
export interface EpochProgress {
  update(epoch: number, batch: number, batches: number): void;
  stop(): void;
}

export function createEpochProgress(output: Output): EpochProgress {
  if (!output.progress) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: "Epoch {epoch} [{bar}] {percentage}% | batch {value}/{total} | eta {eta}s",
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let current = -1;
  return {
    update(epoch, batch, batches) {
      if (epoch !== current) {
        if (current >= 0) bar.stop();
        bar.start(batches, 0, { epoch });
        current = epoch;
      }
      // Redrawing costs time: update about 100 times per epoch.
      if (batch === batches || batch % Math.max(1, Math.floor(batches / 100)) === 0)
        bar.update(batch, { epoch });
    },
    stop() {
      if (current >= 0) bar.stop();
      current = -1;
    },
  };
}
