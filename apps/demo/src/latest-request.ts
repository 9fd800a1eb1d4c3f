/**
 * Asking the worker about the newest thing only. The draw panel asks the worker's conv net
 * for a prediction on every frame with new ink and every time the network changes, but the
 * worker answers only between training slices (up to 40 ms apart). So at most one request
 * is in flight: while it is, newer payloads replace each other, and the newest goes out
 * when the answer comes back. Each request carries an id; an answer whose id is not the
 * one in flight is stale (sent before `cancel`, e.g. for a network a reset replaced) and
 * is dropped.
 */
export class LatestRequest<Payload> {
  private nextId = 0;
  private inFlight: { id: number; payload: Payload } | undefined;
  private waiting: { payload: Payload } | undefined;

  constructor(private readonly send: (id: number, payload: Payload) => void) {}

  /** Asks about `payload` now, or as soon as the request in flight is answered. */
  request(payload: Payload): void {
    this.waiting = { payload };
    if (!this.inFlight) this.sendWaiting();
  }

  /** Forgets the request in flight and any waiting one: their answers will be dropped. */
  cancel(): void {
    this.inFlight = undefined;
    this.waiting = undefined;
  }

  /**
   * An answer arrived for `id`: the payload it answers if it is the request in flight (to
   * show it), else undefined (stale: drop it). Sends the waiting payload, if any, either way
   * once nothing is in flight. An answer one drawing behind a waiting one is still shown:
   * it is the network's newest answer, and the next one follows within a slice.
   */
  accept(id: number): Payload | undefined {
    if (!this.inFlight || id !== this.inFlight.id) return undefined;
    const { payload } = this.inFlight;
    this.inFlight = undefined;
    if (this.waiting) this.sendWaiting();
    return payload;
  }

  /** True while a request is waiting for its answer. */
  get pending(): boolean {
    return this.inFlight !== undefined;
  }

  private sendWaiting(): void {
    if (!this.waiting) return;
    const { payload } = this.waiting;
    this.waiting = undefined;
    this.nextId += 1;
    this.inFlight = { id: this.nextId, payload };
    this.send(this.nextId, payload);
  }
}
