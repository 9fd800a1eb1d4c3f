/**
 * `threads: "auto"`: whether the next batch uses the second thread, decided from measured
 * batch times rather than a fixed rule, and checked again from time to time, so a core
 * that another program takes over mid-run (or gives back) is noticed.
 *
 * The time from one batch's start to the next is charged to the mode the batch ran in.
 * The first WARM_UP batches in each mode are not timed (the JIT and WebAssembly's
 * optimizing tier are still compiling: measured, the first batches take 10× longer).
 * A probe runs PROBE_BATCHES batches in each mode (the first SETTLE not counted); the
 * faster median wins, one thread on a tie within TIE (it leaves the other core to the rest
 * of the machine). The winner then runs for `recheckMs`, after which the loser is probed
 * again and compared with the winner's latest batches. Each recheck that confirms the
 * winner doubles the wait before the next (up to 16×), so probing a loser ten times slower
 * costs little. A challenger must be HYSTERESIS faster to take over, since each switch
 * moves w¹'s second panel between the cores' caches. If the winner's recent median grows
 * past SLOWDOWN × its median when it won, the recheck comes at once.
 */

const PROBE_BATCHES = 24;
/**
 * Batches of a probe not counted: after a switch, panel 1 of w¹ moves between the cores'
 * caches (300 KB for 784-100-10), and measured, the first several batches are 2–3× slower.
 */
const SETTLE = 8;
const WARM_UP = 16;
const TIE = 0.03;
const SLOWDOWN = 2;
/** A challenger must be this much faster to take over (a switch itself costs batches). */
const HYSTERESIS = 0.08;

/** How a {@link ThreadChooser} times batches (tests pass their own clock). */
export interface ThreadChooserOptions {
  /** Milliseconds to the first recheck (default 250; each confirmation doubles it, up to 16×). */
  recheckMs?: number;
  /** The clock (tests pass a fake one). */
  now?: () => number;
}

type Mode = 1 | 2;

/**
 * Picks 1 or 2 threads for each batch from measured batch times (see the top of this file):
 * call `nextBatch()` as each batch starts and run the batch on the threads it returns.
 */
export class ThreadChooser {
  /** The mode of the batch now running. */
  private mode: Mode = 2;
  /** The mode that won the last comparison (null before the first). */
  private winner: Mode | null = null;
  private winnerMedian = 0;
  /** Batches still to run in the probe under way, 0 when none. */
  private probeLeft = PROBE_BATCHES;
  /** Untimed batches still to run first, in mode 1 then mode 2. */
  private warmUpLeft = 2 * WARM_UP;
  private lastStart = Number.NaN;
  private decidedAt = 0;
  /** The current wait between rechecks (recheckMs, doubled by each confirmation). */
  private wait = 0;
  private readonly samples: Record<Mode, number[]> = { 1: [], 2: [] };
  private readonly recheckMs: number;
  private readonly now: () => number;

  constructor(options: ThreadChooserOptions = {}) {
    this.recheckMs = options.recheckMs ?? 250;
    this.wait = this.recheckMs;
    this.now = options.now ?? (() => performance.now());
  }

  /** Called as each batch starts; returns the threads it should use. */
  nextBatch(): Mode {
    if (this.warmUpLeft > 0) {
      this.warmUpLeft--;
      this.mode = this.warmUpLeft >= WARM_UP ? 1 : 2;
      return this.mode;
    }
    const t = this.now();
    const last = this.lastStart;
    this.lastStart = t;
    if (!Number.isNaN(last)) this.record(this.mode, t - last);
    this.mode = this.choose(t);
    return this.mode;
  }

  /** The mode chosen so far (2 while the first probe runs), for reports. */
  get threads(): Mode {
    return this.winner ?? this.mode;
  }

  private record(mode: Mode, ms: number): void {
    const list = this.samples[mode];
    list.push(ms);
    if (list.length > PROBE_BATCHES) list.shift();
  }

  private choose(t: number): Mode {
    if (this.probeLeft > 0) {
      this.probeLeft--;
      if (this.probeLeft > 0) return this.mode;
      return this.afterProbe(t);
    }
    const winner = this.winner ?? 1;
    const recent = this.samples[winner];
    const slower =
      recent.length === PROBE_BATCHES &&
      median(recent.slice(SETTLE)) > SLOWDOWN * this.winnerMedian;
    if (t - this.decidedAt >= this.wait || slower) {
      this.probeLeft = PROBE_BATCHES;
      this.samples[other(winner)] = [];
      return other(winner);
    }
    return winner;
  }

  /** A probe of `this.mode` just ended: the first pass probes the other mode too. */
  private afterProbe(t: number): Mode {
    const probed = this.mode;
    if (this.winner === null && this.samples[other(probed)].length === 0) {
      this.probeLeft = PROBE_BATCHES;
      return other(probed);
    }
    // The first batches of a probe carry the switch itself: compare the rest.
    const first = this.winner === null;
    const one = median(this.samples[1].slice(probed === 1 || first ? SETTLE : 0));
    const two = median(this.samples[2].slice(probed === 2 || first ? SETTLE : 0));
    const current = this.winner;
    const margin = current === null ? TIE : HYSTERESIS;
    const winner =
      current === 2 ? (one < two * (1 - margin) ? 1 : 2) : two < one * (1 - margin) ? 2 : 1;
    this.wait =
      winner === this.winner ? Math.min(2 * this.wait, 16 * this.recheckMs) : this.recheckMs;
    this.winner = winner;
    this.winnerMedian = this.winner === 2 ? two : one;
    this.samples[this.winner] = [];
    this.decidedAt = t;
    return this.winner;
  }
}

function other(mode: Mode): Mode {
  return mode === 1 ? 2 : 1;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.POSITIVE_INFINITY;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
