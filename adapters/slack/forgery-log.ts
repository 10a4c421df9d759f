/**
 * Refused requests (bad or missing signature, stale or future timestamp) are logged as one
 * warning a minute with a count and the reasons, not one line each: a flood of forgeries must not
 * flood the logs. The first one in a quiet minute is logged at once.
 */
import type { Logger } from '../../src/log.js';

export const FORGERY_LOG_WINDOW_MS = 60_000;

export class ForgeryLog {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private quietUntil = 0;

  constructor(
    private readonly logger: Logger,
    private readonly windowMs = FORGERY_LOG_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  record(reason: string): void {
    this.pending.set(reason, (this.pending.get(reason) ?? 0) + 1);
    if (this.now() >= this.quietUntil) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.quietUntil - this.now()).unref();
  }

  /** Log what is pending now (also called on stop, so no count is lost). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const reasons = Object.fromEntries(this.pending);
    const count = [...this.pending.values()].reduce((a, b) => a + b, 0);
    this.pending = new Map();
    this.quietUntil = this.now() + this.windowMs;
    this.logger.warn(
      { event: 'slack_request_refused', count, reasons, windowSeconds: this.windowMs / 1000 },
      'refused Slack requests that were not signed with our signing secret',
    );
  }
}
