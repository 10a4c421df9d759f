/**
 * The Slack adapter in HTTP mode, end to end: real Bolt, real Bot, fake Slack Web API on
 * 127.0.0.1, requests signed like Slack signs them. A DM conversation from the first message
 * to an assessment, answered by clicking the buttons the bot actually posted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labels } from '../adapters/shared/labels.js';
import { ACTION } from '../adapters/slack/action-ids.js';
import { slackCopy } from '../adapters/slack/copy.js';
import type { FakeSlackMessage } from './fakes/fake-slack.js';
import {
  isAssessment,
  isOpenQuestion,
  messagesIn,
  scriptedAnswer,
  slackPerson,
  textOf,
} from './fakes/slack-drive.js';
import { type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import { actionIdsOf } from './fakes/slack-payloads.js';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.close();
});

const DM = 'D0DM0001';
const USER = 'U0PERSON1';

const { dm, click } = slackPerson(() => h, { channel: DM, user: USER });

const openQuestion = () => messagesIn(h.fake.messages, DM).filter(isOpenQuestion).at(-1);

/** Answer with buttons until the assessment comes; returns it. */
async function answerUntilAssessment(present: string[]): Promise<FakeSlackMessage> {
  for (let i = 0; i < 30; i++) {
    const done = messagesIn(h.fake.messages, DM).find(isAssessment);
    if (done) return done;
    const q = openQuestion();
    if (!q) throw new Error('no open question and no assessment');
    const { actionId, tick } = scriptedAnswer(q, present);
    expect((await click(q, actionId, { tick })).status).toBe(200);
    // The answered question lost its buttons and shows the answer.
    expect(actionIdsOf(q)).toEqual([]);
    expect(textOf(q)).toContain('You answered');
  }
  throw new Error('no assessment after 30 answers');
}

describe('Slack DM conversation (HTTP mode)', () => {
  it('goes from "why do my calves hurt" to an assessment by button clicks', async () => {
    const res = await dm('why do my calves hurt');
    expect(res.status).toBe(200);
    const first = messagesIn(h.fake.messages, DM);
    // One post: the greeting and the red-flag screen are one message.
    expect(first.map((m) => m.via)).toEqual(['chat.postMessage']);
    expect(textOf(first[0]!)).toMatch(/I help you think through sore/);
    expect(textOf(first[0]!)).toMatch(/a safety check/);
    // The red-flag screen: checkboxes plus Submit / None of these / Why / Start over.
    const screen = first[0]!;
    expect(actionIdsOf(screen)).toEqual([
      'calves_check_0',
      ACTION.submit,
      ACTION.none,
      ACTION.why,
      ACTION.restart,
    ]);
    // Every call carried the bot token.
    expect(h.fake.callsTo('chat.postMessage').every((c) => c.token === 'xoxb-test-bot-token')).toBe(true);

    // "Why are you asking?" explains, and the question stays open.
    await click(screen, ACTION.why);
    expect(textOf(messagesIn(h.fake.messages, DM).at(-1)!)).toMatch(/clot/);
    expect(isOpenQuestion(screen)).toBe(true);

    // Submit with nothing ticked = none of these apply.
    await click(screen, ACTION.submit, { tick: [] });
    expect(textOf(screen)).toContain(`You answered: ${labels.none}`);
    expect(isOpenQuestion(screen)).toBe(false);

    const assessment = await answerUntilAssessment([
      'night_cramps',
      'few_greens_nuts_grains',
      'heavy_sweating',
    ]);
    const types = assessment.blocks.map((b) => b.type);
    expect(types[0]).toBe('header');
    // Triage advice first, then the causes, sources (linked) and the disclaimer.
    expect(types[1]).toBe('section');
    const text = textOf(assessment);
    expect(text.indexOf('What might be going on')).toBeGreaterThan(0);
    const contexts = assessment.blocks
      .filter((b) => b.type === 'context')
      .map((b) => textOf({ blocks: [b] }));
    expect(contexts.some((c) => /<https:\/\/[^|>]+\|[^>]+>/.test(c))).toBe(true);
    expect(contexts.at(-1)).toMatch(/not a diagnosis|doctor|medical/i);
    expect(assessment.blocks.length).toBeLessThanOrEqual(50);
    // The assessment offers a fresh start.
    expect(actionIdsOf(assessment)).toEqual([
      'calfbot_feedback_helpful',
      'calfbot_feedback_not_helpful',
      ACTION.restart,
    ]);

    // No message text or token ever reaches the log.
    expect(h.rawLog()).not.toMatch(/calves hurt|xoxb-|test-signing-secret/);
  });

  it('accepts an answer typed in words, and the question loses its buttons', async () => {
    await dm('why do my calves hurt');
    const screen = openQuestion()!;
    await dm('none of these');
    expect(isOpenQuestion(screen)).toBe(false);
    expect(textOf(screen)).toContain(slackCopy.answeredInWords);
    const q = openQuestion()!;
    expect(q).toBeDefined();
    expect(q).not.toBe(screen);
    expect(textOf(q)).not.toMatch(/a safety check/);
  });

  it('makes an emergency unmissable', async () => {
    await dm('my calves hurt');
    await click(openQuestion()!, ACTION.submit, { tick: ['breathless_or_chest_pain'] });
    const assessment = messagesIn(h.fake.messages, DM).find(isAssessment)!;
    expect(assessment).toBeDefined();
    expect(textOf({ blocks: [assessment.blocks[0]!] })).toMatch(/Call 911 now/);
    const advice = textOf({ blocks: [assessment.blocks[1]!] });
    expect(advice).toMatch(/^:rotating_light: \*Call 911 now\*/);
    // The notification text leads with the headline too.
    expect(assessment.text).toMatch(/^Call 911 now/);
  });

  it('"Start over" closes the question and starts a new check', async () => {
    await dm('why do my calves hurt');
    const screen = openQuestion()!;
    await click(screen, ACTION.restart);
    expect(textOf(screen)).toContain(slackCopy.startedOver);
    expect(isOpenQuestion(screen)).toBe(false);
    const fresh = openQuestion()!;
    expect(fresh.ts).not.toBe(screen.ts);
    expect(textOf(fresh)).toMatch(/a safety check/);
  });

  it('escapes what a person typed so it cannot ping a channel', async () => {
    await dm('why do my calves hurt');
    await dm('<!channel> &lt;!here&gt; hi @everyone');
    const calls = h.fake.callsTo('chat.postMessage');
    for (const c of calls) {
      const all = JSON.stringify(c.body);
      expect(all).not.toMatch(/<!channel>|<!here>|<!everyone>/);
      expect(all).not.toMatch(/@everyone/);
    }
  });
});
