/**
 * A second thread that runs kernels of kernels.wat on a shared WebAssembly memory, so one
 * call can be split between two cores (SimdArena gives each thread a share of the hidden
 * neurons). Calls are handed over through a control block in the shared memory, not by
 * messages: a mini-batch of MNIST takes about 40 µs, and a message round trip would cost
 * more than the work it splits, while a store the other thread is spinning on reaches it in
 * well under a microsecond (measured: 0.4 µs a round trip). The thread spins for a few
 * hundred µs after each call, then sleeps in Atomics.wait until the next.
 *
 * Control block (CONTROL_BYTES bytes at `control`):
 *   Int32 [0] call number (the caller increments it to start a call)
 *         [1] call number last finished by the thread
 *         [2] kernel to run (index into the names given to the thread; −1 = stop)
 *         [3] 1 once the thread is ready, 2 after a kernel trapped
 *   Float64 (from byte 16) [0 … 10] the kernel's arguments, [11] its result
 */

export const CONTROL_BYTES = 112;

/** Iterations of the thread's polling loop before it sleeps (a few hundred µs). */
const SPIN = 200_000;

/** The thread's program: plain JS with no imports, so it runs the same from source or dist. */
const THREAD_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, control, names } = workerData;
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
const kernels = names.map((name) => exports[name]);
const ctl = new Int32Array(memory.buffer, control, 4);
const a = new Float64Array(memory.buffer, control + 16, 12);
let seen = Atomics.load(ctl, 0);
Atomics.store(ctl, 3, 1);
for (;;) {
  for (let spins = 0; Atomics.load(ctl, 0) === seen; ) {
    if (++spins > ${SPIN}) { Atomics.wait(ctl, 0, seen); spins = 0; }
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
}
`;

/** How long the caller waits for the thread before deciding it is gone. */
const TIMEOUT_MS = 10_000;

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

export class KernelThread {
  private readonly ctl: Int32Array;
  /** The next call's arguments: write them, then `begin`. */
  readonly args: Float64Array;
  private call = 0;
  private closed = false;

  private constructor(memory: WebAssembly.Memory, control: number) {
    this.ctl = new Int32Array(memory.buffer, control, 4);
    this.args = new Float64Array(memory.buffer, control + 16, 12);
    orphans.register(this, this.ctl, this);
  }

  /**
   * A thread running the kernels `names` of `module` (compiled against a shared memory) on
   * `memory`, or null where threads are unavailable (browsers, Node before 20.16) or the
   * thread does not start. Blocks until it is ready (about 25 ms).
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
        workerData: { module, memory, control, names },
      });
    } catch {
      return null;
    }
    worker.unref(); // an idle kernel thread never keeps the process alive
    const thread = new KernelThread(memory, control);
    if (!thread.waitFor(() => Atomics.load(thread.ctl, 3) === 1)) {
      void worker.terminate();
      return null;
    }
    return thread;
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
    if (
      Atomics.load(this.ctl, 1) !== call &&
      !this.waitFor(() => Atomics.load(this.ctl, 1) === call)
    ) {
      this.close();
      throw new Error(
        `KernelThread: the kernel thread did not finish a call within ${TIMEOUT_MS / 1000} s; it has been stopped`,
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

  /** Spins until `done()` (the other core is busy for microseconds), giving up after TIMEOUT_MS. */
  private waitFor(done: () => boolean): boolean {
    const started = performance.now();
    for (let spins = 1; !done(); spins++) {
      if (spins % 100_000 === 0 && performance.now() - started > TIMEOUT_MS) return false;
    }
    return true;
  }
}
