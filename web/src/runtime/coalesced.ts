/**
 * Runs `task` one at a time: asked again while it runs, it runs exactly once more after it, however
 * many times it was asked. What runtime parts use to read signed records again after a change of
 * a document — a burst of changes costs two readings, not one per change.
 */
export function coalesced(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let queued = false;
  return () => {
    if (queued) return running;
    queued = true;
    running = running.then(() => {
      queued = false;
      return task();
    });
    return running;
  };
}
