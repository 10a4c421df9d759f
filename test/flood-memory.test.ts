/**
 * A flood of distinct users cannot grow the memory of a Slack process without bound: every
 * per-user or per-event structure kept in process (recently seen event ids, open question
 * messages, rate-limit counters) has a fixed size, the oldest entries going first.
 */
import { describe, expect, it } from 'vitest';
import { QuestionMessages } from '../adapters/shared/question-messages.js';
import { renderText } from '../adapters/slack/render-blocks.js';
import { RecentEvents } from '../src/recent-events.js';
import { MemoryRateLimiter, RATE_LIMITER_MAX_USERS_DEFAULT } from '../src/store/memory-rate-limiter.js';

const FLOOD = 50_000;
const BOUND = 10_000;

describe('in-process memory under a flood of 50,000 distinct users', () => {
  it('recent event ids, open questions and rate-limit counters each stay at 10,000 or fewer', async () => {
    const recent = new RecentEvents();
    const open = new QuestionMessages<{ ts: string; message: ReturnType<typeof renderText> }>();
    const limiter = new MemoryRateLimiter();
    const message = renderText('question');
    let claimed = 0;
    for (let i = 0; i < FLOOD; i++) {
      if (recent.claim(`msg:D${i}:1.${i}`)) claimed++;
      open.remember(`slack:T:D${i}`, `q${i}`, { ts: `1.${i}`, message });
      await limiter.hit(`slack:T:U${i}`, 20, 60_000);
    }
    expect(claimed).toBe(FLOOD);
    expect((recent as unknown as { seen: Map<string, number> }).seen.size).toBeLessThanOrEqual(BOUND);
    expect((open as unknown as { open: Map<string, unknown> }).open.size).toBeLessThanOrEqual(BOUND);
    expect(limiter.size).toBeLessThanOrEqual(RATE_LIMITER_MAX_USERS_DEFAULT);
    // The newest are the ones kept: the latest users are still recognised.
    expect(recent.claim(`msg:D${FLOOD - 1}:1.${FLOOD - 1}`)).toBe(false);
    expect(open.take(`slack:T:D${FLOOD - 1}`, `q${FLOOD - 1}`)?.ts).toBe(`1.${FLOOD - 1}`);
    expect(open.take('slack:T:D0', 'q0')).toBeUndefined();
  });
});
