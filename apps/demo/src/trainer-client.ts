/** The page's side of the training worker: send commands, hear events (see protocol.ts). */
import type { TrainerCommand, TrainerEvent } from "./protocol";

export type TrainerListener = (event: TrainerEvent) => void;

export class TrainerClient {
  private readonly worker: Worker;
  private readonly listeners = new Set<TrainerListener>();

  constructor() {
    this.worker = new Worker(new URL("./worker/training-worker.ts", import.meta.url), {
      type: "module",
      name: "training",
    });
    this.worker.addEventListener("message", (event: MessageEvent<TrainerEvent>) => {
      for (const listener of this.listeners) listener(event.data);
    });
    this.worker.addEventListener("error", (event) => {
      const message = `the training worker failed: ${event.message || "unknown error"}`;
      for (const listener of this.listeners) listener({ type: "error", message });
    });
  }

  send(command: TrainerCommand): void {
    this.worker.postMessage(command);
  }

  on(listener: TrainerListener): void {
    this.listeners.add(listener);
  }
}
