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
