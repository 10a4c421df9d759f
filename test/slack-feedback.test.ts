/**
 * Feedback on assessments (issue 13, item 3): every assessment carries Helpful / Not helpful; a
 * click is counted per advice level with no user id or health data, and thanked once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../adapters/slack/action-ids.js';
import { FEEDBACK_ACTION, THANKS } from '../adapters/slack/feedback.js';
import { Metrics } from '../src/metrics.js';
import { isAssessment, isOpenQuestion, messagesIn, slackPerson, textOf } from './fakes/slack-drive.js';
import { type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import { actionIdsOf } from './fakes/slack-payloads.js';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.close();
});

const DM = 'D0FEEDBACK';
const USER = 'U0FEEDBACKER';
const { dm, click } = slackPerson(() => h, { channel: DM, user: USER });

async function emergencyAssessment() {
  await dm('my calves hurt');
  const screen = messagesIn(h.fake.messages, DM).filter(isOpenQuestion).at(-1)!;
  await click(screen, ACTION.submit, { tick: ['breathless_or_chest_pain'] });
  return messagesIn(h.fake.messages, DM).find(isAssessment)!;
}

describe('Slack feedback buttons', () => {
  it('an assessment asks; a click is counted by advice level only, and thanked once', async () => {
    const assessment = await emergencyAssessment();
    expect(actionIdsOf(assessment)).toEqual([
      FEEDBACK_ACTION.helpful,
      FEEDBACK_ACTION.not_helpful,
      ACTION.restart,
    ]);
    await click(assessment, FEEDBACK_ACTION.helpful);
    const snapshotBefore = JSON.stringify(h.slack.feedback.snapshot());
    expect(h.slack.feedback.snapshot().emergency).toEqual({ helpful: 1, not_helpful: 0 });

    // The buttons gave way to one thank-you; the advice and Start over stay.
    expect(actionIdsOf(assessment)).toEqual([ACTION.restart]);
    expect(textOf(assessment)).toMatch(/Call 911 now/);
    expect(textOf(assessment).split(THANKS)).toHaveLength(2);

    // What is counted holds no user id, channel or anything the person said.
    expect(snapshotBefore).not.toMatch(new RegExp(`${USER}|${DM}|breathless|calves hurt`));
    const other = Object.entries(h.slack.feedback.snapshot())
      .filter(([level]) => level !== 'emergency')
      .map(([, v]) => v);
    expect(other.every((v) => v.helpful === 0 && v.not_helpful === 0)).toBe(true);
  });

  it('a second click on the same message is not counted again', async () => {
    const assessment = await emergencyAssessment();
    const stale = structuredClone(assessment);
    await click(assessment, FEEDBACK_ACTION.not_helpful);
    await click(stale, FEEDBACK_ACTION.helpful);
    expect(h.slack.feedback.snapshot().emergency).toEqual({ helpful: 0, not_helpful: 1 });
    expect(h.fake.callsTo('chat.update').filter((c) => c.body.text === THANKS)).toHaveLength(1);
  });

  it('the Prometheus counter carries only the advice level and the verdict', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.feedback.record('see_doctor', 'helpful');
    const text = await metrics.text();
    expect(text).toMatch(/calfbot_feedback_total\{advice="see_doctor",verdict="helpful"\} 1/);
  });
});
