/**
 * Runs loads of one view so that only the latest one is shown: starting a load aborts the previous one, whose
 * late answer could otherwise overwrite newer data.
 */
export class LatestOnly {
  #controller = null;

  /** Starts {@code load(signal)}; resolves to its result, or to undefined when a newer load replaced it. */
  async run(load) {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const result = await load(controller.signal);
      return controller.signal.aborted ? undefined : result;
    } catch (error) {
      if (controller.signal.aborted || error.name === 'AbortError') {
        return undefined;
      }
      throw error;
    }
  }
}
