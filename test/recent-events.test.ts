import { describe, expect, it } from 'vitest';
import { RecentEvents } from '../src/recent-events.js';

describe('RecentEvents', () => {
  it('takes an id once within the TTL, again after it', () => {
    let now = 0;
    const recent = new RecentEvents(100, 1_000, () => now);
    expect(recent.claim('a')).toBe(true);
    expect(recent.claim('a')).toBe(false);
    now = 999;
    expect(recent.claim('a')).toBe(false);
    now = 2_000;
    expect(recent.claim('a')).toBe(true);
  });

  it('forgets the oldest ids beyond its size', () => {
    const recent = new RecentEvents(3, 60_000, () => 0);
    for (const id of ['a', 'b', 'c', 'd']) expect(recent.claim(id)).toBe(true);
    expect(recent.claim('a')).toBe(true);
    expect(recent.claim('d')).toBe(false);
  });
});
