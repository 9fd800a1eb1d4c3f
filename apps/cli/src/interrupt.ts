/**
 * Ctrl-C during training: the first one aborts the returned controller (training stops
 * cleanly after the current mini-batch, keeping what was saved), a second one quits at
 * once. `release()` removes the handler once training is over.
 */
export function stopOnCtrlC(): { controller: AbortController; release(): void } {
  const controller = new AbortController();
  const onInterrupt = () => {
    controller.abort();
    process.stderr.write("\nStopping after this mini-batch (Ctrl-C again to quit at once)…\n");
    process.on("SIGINT", () => process.exit(130));
  };
  process.once("SIGINT", onInterrupt);
  return { controller, release: () => process.removeListener("SIGINT", onInterrupt) };
}
