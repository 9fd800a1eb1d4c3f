/**
 * A deadline that moves with progress: it runs out when nothing happens for `ms` (no
 * response, or a body that stops arriving), so a slow but steady download finishes while
 * a silent server fails. When it runs out it aborts `signal` (which a real `fetch` obeys,
 * closing the connection) and rejects every `race`, so a fetch that ignores the signal
 * cannot hang its caller either.
 */
export class IdleTimeout {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reject: (error: Error) => void = () => undefined;
  private readonly expired: Promise<never>;
  /** The error it ran out with, once it has. */
  error: Error | undefined;

  constructor(
    private readonly ms: number,
    private readonly onExpire: () => Error,
  ) {
    this.expired = new Promise<never>((_, reject) => {
      this.reject = reject;
    });
    this.expired.catch(() => undefined); // only the races report it
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Something arrived: start the wait again. */
  touch(): void {
    clearTimeout(this.timer);
    // setTimeout fires at once for delays past 2³¹ − 1 ms; treat those as no limit.
    if (this.ms > 2 ** 31 - 1) return;
    this.timer = setTimeout(() => {
      this.error = this.onExpire();
      this.reject(this.error); // before the abort, so races see this error, not the abort's
      this.controller.abort(this.error);
    }, this.ms);
  }

  /** `promise`, unless the time runs out first. */
  race<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.expired]);
  }

  /** Done: no more waiting. */
  stop(): void {
    clearTimeout(this.timer);
  }
}
