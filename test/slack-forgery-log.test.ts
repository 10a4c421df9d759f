/**
 * Refused Slack requests are logged once a window with a count, not once each: the first at
 * once, the rest of the window in one line when it ends.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ForgeryLog } from '../adapters/slack/forgery-log.js';
import { captureLogger } from './fakes/discord-harness.js';

describe('ForgeryLog', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs the first refusal at once, then one line a window with the count and reasons', () => {
    vi.useFakeTimers();
    const { logger, logs } = captureLogger();
    const log = new ForgeryLog(logger, 60_000, () => Date.now());
    const lines = () => logs.map((l) => JSON.parse(l)).filter((l) => l.event === 'slack_request_refused');
    log.record('bad_signature');
    for (let i = 0; i < 30; i++) log.record(i % 3 ? 'bad_signature' : 'unsigned');
    expect(lines().map((l) => l.count)).toEqual([1]);
    vi.advanceTimersByTime(59_000);
    expect(lines().map((l) => l.count)).toEqual([1]);
    vi.advanceTimersByTime(2_000);
    expect(lines().map((l) => l.count)).toEqual([1, 30]);
    expect(lines()[1].reasons).toEqual({ bad_signature: 20, unsigned: 10 });
    // A quiet window later, the next one is logged at once again.
    vi.advanceTimersByTime(61_000);
    log.record('bad_timestamp');
    expect(lines().map((l) => l.count)).toEqual([1, 30, 1]);
  });
});
