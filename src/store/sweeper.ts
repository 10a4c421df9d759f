/**
 * Sweeps expired conversations on a timer. Timers are unref()'d so a sweeper never keeps the
 * process alive; a failed sweep (store down) is logged at debug, the outage itself is logged
 * by the store.
 */
import { type Logger, silentLogger } from '../log.js';
import type { ConversationRecord, ConversationStore, EventMark } from './types.js';

export const SWEEP_INTERVAL_MS = 10 * 60_000;

export class Sweeper {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly store: ConversationStore,
    private readonly intervalMs: number = SWEEP_INTERVAL_MS,
    private readonly logger: Logger = silentLogger,
  ) {}

  start(): this {
    if (this.timer) return this;
    this.timer = setInterval(() => void this.sweepOnce(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** One sweep now; never throws. Returns how many records went (0 when the store is down). */
  async sweepOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const removed = await this.store.sweep();
      if (removed > 0) this.logger.debug({ event: 'sweep', removed }, 'expired conversations removed');
      return removed;
    } catch (error) {
      this.logger.debug({ event: 'sweep_failed', code: (error as { code?: unknown }).code }, 'sweep failed');
      return 0;
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** A store whose close() also stops its sweeper. */
export class SweptStore implements ConversationStore {
  constructor(
    readonly inner: ConversationStore,
    readonly sweeper: Sweeper,
  ) {}

  get(key: string): Promise<ConversationRecord | null> {
    return this.inner.get(key);
  }
  compareAndSet(
    key: string,
    expectedVersion: number,
    record: ConversationRecord,
    event?: EventMark,
  ): Promise<boolean> {
    return this.inner.compareAndSet(key, expectedVersion, record, event);
  }
  hasEvent(key: string, eventId: string): Promise<boolean> {
    return this.inner.hasEvent(key, eventId);
  }
  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
  forgetUsersWithPrefix(prefix: string): Promise<number> {
    return this.inner.forgetUsersWithPrefix(prefix);
  }
  forgetUser(user: string): Promise<number> {
    return this.inner.forgetUser(user);
  }
  sweep(now?: number): Promise<number> {
    return this.inner.sweep(now);
  }
  async close(): Promise<void> {
    this.sweeper.stop();
    await this.inner.close();
  }
}
