/**
 * A second thread that runs kernels of kernels.wat on a shared WebAssembly memory, so one
 * call can be split between two cores (SimdArena gives each thread a panel of the hidden
 * neurons). Calls are handed over through a control block in the shared memory, not by
 * messages: a mini-batch of MNIST takes about 40 µs, and a message round trip would cost
 * more than the work it splits.
 *
 * Neither side ever spins for long. A busy machine is the normal case (a laptop with a
 * browser open): a thread spinning on a core that another program wants, while the thread
 * it waits for is descheduled, turned 0.6 s epochs into 8–70 s ones. So each side polls
 * for a few µs (enough for a call that is about to finish, or the next call of a batch), then
 * sleeps in Atomics.wait until the other side's Atomics.notify (see CALLER_SPIN).
 *
 * Control block (CONTROL_BYTES bytes at `control`):
 *   Int32 [0] call number (the caller increments it to start a call)
 *         [1] call number last finished by the thread
 *         [2] kernel to run (index into the names given to the thread; −1 = stop)
 *         [3] 0 while starting, 1 once the thread is ready, 2 after a kernel trapped
 *   Float64 (from byte 16) [0 … 10] the kernel's arguments, [11] its result
 */

export const CONTROL_BYTES = 112;

/**
 * Polls before sleeping, in turns of an Atomics.load loop (about 5 ns a turn here).
 * The caller, waiting for a call's result, polls about 5 µs: the thread's panel is due
 * about when this thread's is done. The kernel thread, waiting for the next call, polls
 * about 25 µs, which spans the gaps between the calls of one mini-batch: measured on
 * 784-100-10, batch 10, a 5 µs poll there made every call pay a wake-up (30–50 µs in a VM)
 * and two threads took 1.4 s an epoch against 0.65 s for one; with 25 µs, 0.50 s. On a
 * busy machine the same poll costs (1.2 s against 0.61 s for one thread, where unbounded
 * polling took 2.4 s), which is why `threads: "auto"` measures and picks.
 */
const CALLER_SPIN = 1000;
const THREAD_SPIN = 5000;

/**
 * The thread's program: plain JS with no imports, so it runs the same from source or dist.
 * Its names avoid `module`, `exports` and `require`'s other neighbours: Bun and Deno wrap
 * an eval'd worker in a CommonJS function whose parameters those are.
 */
const THREAD_SOURCE = `
const { workerData } = require("node:worker_threads");
const { kernelModule, memory, control, names, spin } = workerData;
const instance = new WebAssembly.Instance(kernelModule, { env: { memory } });
const kernels = names.map((name) => instance.exports[name]);
const ctl = new Int32Array(memory.buffer, control, 4);
const a = new Float64Array(memory.buffer, control + 16, 12);
let seen = Atomics.load(ctl, 0);
Atomics.store(ctl, 3, 1);
Atomics.notify(ctl, 3);
for (;;) {
  for (let turns = 0; Atomics.load(ctl, 0) === seen; ) {
    if (++turns > spin) { Atomics.wait(ctl, 0, seen); turns = 0; }
  }
  seen = Atomics.load(ctl, 0);
  const kernel = ctl[2];
  if (kernel < 0) break;
  try {
    a[11] = kernels[kernel](a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]) ?? 0;
  } catch {
    Atomics.store(ctl, 3, 2); // a trap (bad offsets): the caller throws
  }
  Atomics.store(ctl, 1, seen);
  Atomics.notify(ctl, 1);
}
`;

/** How long a call may take before the caller decides the thread is gone. */
const CALL_TIMEOUT_MS = 10_000;

/** How long a new thread may take to start before the caller gives up on it. */
const START_TIMEOUT_MS = 2_000;

interface NodeWorker {
  unref(): void;
  terminate(): Promise<number>;
}
interface WorkerThreads {
  Worker: new (
    code: string,
    options: { eval: true; workerData: unknown; name?: string },
  ) => NodeWorker;
}

/** Node's worker_threads, reached without an import so browser bundles stay clean. */
function workerThreads(): WorkerThreads | undefined {
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return node?.getBuiltinModule?.("node:worker_threads") as WorkerThreads | undefined;
}

/** Stops a thread whose KernelThread was dropped without close(). */
const orphans = new FinalizationRegistry<Int32Array>((ctl) => stop(ctl));

function stop(ctl: Int32Array): void {
  ctl[2] = -1;
  Atomics.add(ctl, 0, 1);
  Atomics.notify(ctl, 0);
}

/**
 * Sleeps until ctl[index] !== value, after a few µs of polling; false after `timeoutMs`.
 * Where this thread may not block (a browser page's main thread), it polls instead.
 */
export function waitWhile(
  ctl: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
): boolean {
  for (let turns = 0; turns < CALLER_SPIN; turns++) {
    if (Atomics.load(ctl, index) !== value) return true;
  }
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) return Atomics.load(ctl, index) !== value;
    try {
      // A wake-up is only a hint: the notify may be a late one for the previous call (the
      // thread stores ctl[1], this side sees it while polling and moves on, and the
      // thread's notify arrives during the next wait). Returning on it ended join() while
      // the kernel thread was still writing its part: wrong values, in about 1 run in 5 of
      // a 784-300-100-10 epoch with the dense products split. So check again.
      Atomics.wait(ctl, index, value, left);
    } catch {
      // may not block (a browser page's main thread): poll
    }
    if (Atomics.load(ctl, index) !== value) return true;
  }
}

export class KernelThread {
  private readonly ctl: Int32Array;
  /** The next call's arguments: write them, then `begin`. */
  readonly args: Float64Array;
  private call = 0;
  private closed = false;
  private readonly startedAt = performance.now();
  private ready = false;

  private constructor(memory: WebAssembly.Memory, control: number) {
    this.ctl = new Int32Array(memory.buffer, control, 4);
    this.args = new Float64Array(memory.buffer, control + 16, 12);
    orphans.register(this, this.ctl, this);
  }

  /**
   * Starts a thread running the kernels `names` of `module` (compiled against a shared
   * memory) on `memory`, without waiting for it (see `ready`); null where threads are
   * unavailable (browsers, Node before 20.16) or the worker cannot be created.
   */
  static start(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    control: number,
    names: readonly string[],
  ): KernelThread | null {
    const threads = workerThreads();
    if (!threads) return null;
    let worker: NodeWorker;
    try {
      worker = new threads.Worker(THREAD_SOURCE, {
        eval: true,
        name: "backprop kernels",
        workerData: { kernelModule: module, memory, control, names, spin: THREAD_SPIN },
      });
    } catch {
      return null;
    }
    worker.unref(); // an idle kernel thread never keeps the process alive
    return new KernelThread(memory, control);
  }

  /**
   * "ready" once the thread runs, "starting" before; "failed" after close(), a failure, or
   * a start slower than START_TIMEOUT_MS (then it is closed). Never blocks.
   */
  get state(): "starting" | "ready" | "failed" {
    if (this.closed) return "failed";
    if (this.ready || Atomics.load(this.ctl, 3) !== 0) {
      this.ready = true;
      return "ready";
    }
    if (performance.now() - this.startedAt < START_TIMEOUT_MS) return "starting";
    this.close();
    return "failed";
  }

  /** Blocks until the thread is ready or has failed to start (for tests and benchmarks). */
  awaitStart(): "ready" | "failed" {
    const left = START_TIMEOUT_MS - (performance.now() - this.startedAt);
    if (!this.closed && left > 0) waitWhile(this.ctl, 3, 0, left);
    const state = this.state;
    if (state === "ready") return state;
    this.close();
    return "failed";
  }

  /** Starts kernel number `kernel` on the thread with `args[0 …]`; `join` waits for it. */
  begin(kernel: number): void {
    if (this.closed) throw new Error("KernelThread: used after close()");
    this.ctl[2] = kernel;
    this.call = Atomics.add(this.ctl, 0, 1) + 1;
    Atomics.notify(this.ctl, 0);
  }

  /** Waits for the call started by `begin` and returns the kernel's result (0 for none). */
  join(): number {
    const call = this.call;
    // ctl[1] moves only to the number of a call this side began, so wait while it is older.
    const before = Atomics.load(this.ctl, 1);
    if (before !== call && !waitWhile(this.ctl, 1, before, CALL_TIMEOUT_MS)) {
      this.close();
      throw new Error(
        `KernelThread: the kernel thread did not finish a call within ${CALL_TIMEOUT_MS / 1000} s; it has been stopped`,
      );
    }
    if (Atomics.load(this.ctl, 3) === 2) {
      this.close();
      throw new RangeError(
        "KernelThread: a kernel trapped on the kernel thread (an array outside the arena?); the thread has been stopped",
      );
    }
    return this.args[11];
  }

  /** Whether the thread was ever seen ready (so a later failure is not a failure to start). */
  get everReady(): boolean {
    return this.ready;
  }

  /** False once closed, by close() or after a failure. */
  get running(): boolean {
    return !this.closed;
  }

  /** Stops the thread (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    orphans.unregister(this);
    stop(this.ctl);
  }
}
