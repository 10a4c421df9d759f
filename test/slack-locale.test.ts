/**
 * The user's region from their Slack locale (issue 13, item 5): users.info with include_locale,
 * looked up once per user and only for a reply that names a number; en-GB gets 999, a typed region still wins, anything else falls back
 * to the configured region (US in the harness).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../adapters/slack/action-ids.js';
import { regionOfLocale } from '../adapters/slack/locale.js';
import { isAssessment, isOpenQuestion, messagesIn, slackPerson, textOf } from './fakes/slack-drive.js';
import { type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';

describe('locale → region', () => {
  it('maps a full locale to the care region of its country, and nothing else', () => {
    expect(regionOfLocale('en-GB')).toEqual({ code: 'UK' });
    expect(regionOfLocale('en-US')).toEqual({ code: 'US' });
    expect(regionOfLocale('en-AU')).toEqual({ code: 'AU' });
    expect(regionOfLocale('fr-CA')).toEqual({ code: 'CA' });
    expect(regionOfLocale('en-IN')).toEqual({ code: 'IN' });
    expect(regionOfLocale('de-DE')).toEqual({ code: 'EU' });
    expect(regionOfLocale('en-IE')).toEqual({ code: 'EU' });
    expect(regionOfLocale('fr_FR')).toEqual({ code: 'EU' });
    expect(regionOfLocale('ja-JP')).toBeNull();
    expect(regionOfLocale('en')).toBeNull();
    expect(regionOfLocale(undefined)).toBeNull();
  });
});

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.close();
});

const DM = 'D0LOCALE1';
const USER = 'U0BRITISH';
const { dm, click } = slackPerson(() => h, { channel: DM, user: USER });

async function emergencyHeadline(): Promise<string> {
  await dm('my calves hurt');
  const screen = messagesIn(h.fake.messages, DM).filter(isOpenQuestion).at(-1)!;
  await click(screen, ACTION.submit, { tick: ['breathless_or_chest_pain'] });
  const assessment = messagesIn(h.fake.messages, DM).find(isAssessment)!;
  return textOf({ blocks: [assessment.blocks[0]!] });
}

describe('Slack locale in a conversation', () => {
  it('a user whose Slack is en-GB is told to call 999, not the configured 911', async () => {
    h.fake.setLocale(USER, 'en-GB');
    expect(await emergencyHeadline()).toMatch(/Call 999 now/);
    // Looked up with include_locale, once for the whole conversation (cached per user).
    const lookups = h.fake.callsTo('users.info');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.body).toMatchObject({ user: USER, include_locale: 'true' });
  });

  it('asks users.info only when a reply names a number: questions cost no call', async () => {
    h.fake.setLocale(USER, 'en-GB');
    await dm('my calves hurt');
    expect(messagesIn(h.fake.messages, DM).filter(isOpenQuestion)).not.toHaveLength(0);
    expect(h.fake.callsTo('users.info')).toHaveLength(0);
    await dm('my left calf is swollen and I am suddenly short of breath');
    const assessment = messagesIn(h.fake.messages, DM).find(isAssessment)!;
    expect(textOf({ blocks: [assessment.blocks[0]!] })).toMatch(/Call 999 now/);
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
    // Known now: a follow-up's "Call 999 if ..." uses it without asking again.
    await dm('thanks');
    expect(textOf(messagesIn(h.fake.messages, DM).at(-1)!)).toMatch(/999/);
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
  });

  it('a typed "I\'m in Australia" wins over the en-GB locale', async () => {
    h.fake.setLocale(USER, 'en-GB');
    await dm("I'm in Australia and my calf is swollen and I'm suddenly breathless");
    const assessment = messagesIn(h.fake.messages, DM).find(isAssessment)!;
    expect(textOf({ blocks: [assessment.blocks[0]!] })).toMatch(/Call 000 now/);
  });

  it('a locale with no care region, or a failed look-up, keeps the configured region', async () => {
    h.fake.setLocale(USER, 'ja-JP');
    expect(await emergencyHeadline()).toMatch(/Call 911 now/);
  });

  it('users.info failing does not stop the turn', async () => {
    h.fake.failNext('users.info', { status: 500, times: 2 });
    expect(await emergencyHeadline()).toMatch(/Call 911 now/);
    expect(h.logs.some((l) => l.event === 'slack_api_failed' && l.method === 'users.info')).toBe(true);
  });
});
