/** Where the person is (issue 10, item 6): the right numbers and services, never another country's. */
import { describe, expect, it } from 'vitest';
import { composeAssessment } from '../src/conversation/compose-assessment.js';
import { step } from '../src/conversation/machine.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { AssessmentReply } from '../src/vocabulary.js';

const k = loadKnowledge();
const every = (region: string) =>
  k.redFlags.map((r) =>
    composeAssessment(
      k,
      Object.fromEntries([...r.all, ...r.any.slice(0, 1)].map((f) => [f, 'yes' as const])),
      region,
    ),
  );
const textOf = (a: AssessmentReply) => [a.text, ...a.nextSteps, ...a.watchFor].join('\n');

describe('care text per region', () => {
  it('never sends a US user to NHS 111, a GP or 999', () => {
    for (const a of every('US')) {
      expect(textOf(a)).not.toMatch(/NHS 111|\bGP\b|\b999\b|A&E/);
    }
  });

  it('gives a UK user 999 and NHS 111', () => {
    const texts = every('UK').map(textOf).join('\n');
    expect(texts).toMatch(/\b999\b/);
    expect(texts).toMatch(/NHS 111/);
    expect(texts).not.toMatch(/\b911\b/);
  });

  it('says "your local emergency number" when the region is unknown', () => {
    for (const a of every('ZZ').filter((x) => x.triage === 'emergency')) {
      expect(a.headline).toBe('Call your local emergency number now');
      expect(textOf(a)).not.toMatch(/\b(911|999|112|000)\b/);
    }
  });

  it('takes a typed "I\'m in Australia" over the configured region, for this conversation', () => {
    const ctx = { knowledge: k, region: 'US', now: 1 };
    const out = step(
      null,
      { kind: 'text', text: "I'm in Australia and my calf is swollen and I'm suddenly breathless" },
      ctx,
    );
    const a = out.replies.find((r) => r.kind === 'assessment') as AssessmentReply;
    expect(a.headline).toBe('Call 000 now');
    expect(out.state.region).toBe('AU');
  });
});

describe('a region suggested by the platform (Slack or Discord locale)', () => {
  const emergencyFor = async (region: { code: string; tentative?: boolean }) => {
    const { testBot } = await import('./helpers/bot.js');
    const { bot } = testBot({ region: 'US' });
    const out = await bot.handle(
      'c',
      { kind: 'text', text: 'my calf is swollen and I am suddenly breathless' },
      { user: 'u', region },
    );
    return (out.replies.find((r) => r.kind === 'assessment') as AssessmentReply).headline;
  };
  it('uses a certain locale as it is (en-GB → 999)', async () => {
    expect(await emergencyFor({ code: 'UK' })).toBe('Call 999 now');
  });
  it('adds "or your local emergency number" to a guess from a client language', async () => {
    expect(await emergencyFor({ code: 'EU', tentative: true })).toBe(
      'Call 112 (or your local emergency number) now',
    );
  });
  it('says "your local emergency number" for a guess calfbot has no care text for', async () => {
    expect(await emergencyFor({ code: 'BR', tentative: true })).toBe('Call your local emergency number now');
  });
});

describe('a region hint that costs a platform call (Slack users.info)', () => {
  const setUp = async (lookUp: () => Promise<{ code: string } | null>) => {
    const { testBot } = await import('./helpers/bot.js');
    const { bot } = testBot({ region: 'US' });
    let calls = 0;
    const meta = {
      user: 'u',
      lookUpRegion: () => {
        calls++;
        return lookUp();
      },
    };
    const say = (text: string) => bot.handle('c', { kind: 'text', text }, meta);
    return { say, calls: () => calls };
  };
  const headline = (replies: Array<{ kind: string }>) =>
    (replies.find((r) => r.kind === 'assessment') as AssessmentReply | undefined)?.headline;

  it('is asked only for a reply that names a number, and its region is used', async () => {
    const p = await setUp(async () => ({ code: 'UK' }));
    const first = await p.say('my calves hurt');
    expect(first.replies.some((r) => r.kind === 'question')).toBe(true);
    expect(p.calls()).toBe(0);
    const second = await p.say('my left calf is swollen and I am suddenly breathless');
    expect(headline(second.replies)).toBe('Call 999 now');
    expect(p.calls()).toBe(1);
  });

  it('a look-up that fails leaves the configured region, and the person still gets the answer', async () => {
    const p = await setUp(() => Promise.reject(new Error('users.info down')));
    const out = await p.say('my calf is swollen and I am suddenly breathless');
    expect(headline(out.replies)).toBe('Call 911 now');
    expect(p.calls()).toBe(1);
  });

  it('is not asked when the person said where they are', async () => {
    const p = await setUp(async () => ({ code: 'UK' }));
    const out = await p.say("I'm in Australia, my calf is swollen and I am suddenly breathless");
    expect(headline(out.replies)).toBe('Call 000 now');
    expect(p.calls()).toBe(0);
  });

  it('a warning sign inside a long paste gets the looked-up number too', async () => {
    const p = await setUp(async () => ({ code: 'UK' }));
    const out = await p.say(
      `${'my legs have been bad. '.repeat(300)} now my calf is swollen and I am suddenly breathless`,
    );
    expect(out.outcome).toBe('too_long');
    expect(headline(out.replies)).toBe('Call 999 now');
  });
});

describe('New Zealand', () => {
  it('gets 111 and Healthline, never NHS 111 or 911', async () => {
    const { testBot } = await import('./helpers/bot.js');
    const { bot } = testBot({ region: 'US' });
    const out = await bot.handle('nz', {
      kind: 'text',
      text: "I'm in Wellington, my calf is swollen and I'm suddenly breathless",
    });
    const a = out.replies.find((r) => r.kind === 'assessment') as AssessmentReply;
    expect(a.headline).toBe('Call 111 now');
    expect(textOf(a)).not.toMatch(/\b911\b|NHS 111/);
    const urgent = composeAssessment(k, { one_leg_swollen: 'yes' }, 'NZ');
    expect(textOf(urgent)).toMatch(/Healthline on 0800 611 116/);
  });
});
