/**
 * Counts the Slack requests still being processed (including the turn that runs after ack()),
 * so `stop()` can let them finish and tests can wait until a request has done all it will do.
 */
export class InFlight {
  private running = 0;
  private waiters: Array<() => void> = [];

  /** Run `work` as one tracked unit and pass its result (or error) through. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      if (this.running === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      }
    }
  }

  get count(): number {
    return this.running;
  }

  /** Resolves when nothing is running (at once if idle). */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
