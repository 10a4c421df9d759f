/**
 * Test helpers that play a person in Slack against the harness: send a DM, find the bot's open
 * question, click its real buttons. Shared by the HTTP and Socket Mode suites.
 */
import { ACTION } from '../../adapters/slack/action-ids.js';
import type { FakeSlackMessage } from './fake-slack.js';
import { SIGNING_SECRET, type SlackHarness } from './slack-harness.js';
import { actionIdsOf, blockActionsPayload, dmMessageEvent, eventEnvelope } from './slack-payloads.js';
import { postEvent, postInteraction } from './slack-requests.js';

/** The bot's messages in a channel (optionally one thread), in order. */
export const messagesIn = (all: FakeSlackMessage[], channel: string, threadTs?: string) =>
  all.filter((m) => m.channel === channel && (threadTs === undefined || m.thread_ts === threadTs));

export const isOpenQuestion = (m: FakeSlackMessage): boolean =>
  actionIdsOf(m).some((id) => id === ACTION.yes || id === ACTION.submit);

export const isAssessment = (m: FakeSlackMessage): boolean => m.blocks[0]?.type === 'header';

/** Every mrkdwn / plain text in a message, joined (for assertions on what a person sees). */
export function textOf(m: Pick<FakeSlackMessage, 'blocks'>): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push(o.text);
      else for (const x of Object.values(o)) walk(x);
    }
  };
  walk(m.blocks);
  return out.join('\n');
}

/** A scripted person: ticks the options in `present` (or "None of these"), answers No to yes/no questions. */
export function scriptedAnswer(
  question: FakeSlackMessage,
  present: string[],
): { actionId: string; tick?: string[] } {
  const ids = actionIdsOf(question);
  if (ids.includes(ACTION.submit)) {
    const options = question.blocks
      .flatMap((b) => (b.elements as Array<Record<string, unknown>> | undefined) ?? [])
      .filter((e) => e.type === 'checkboxes')
      .flatMap((e) => e.options as Array<{ value: string }>)
      .map((o) => o.value);
    const tick = options.filter((o) => present.includes(o));
    return tick.length > 0 ? { actionId: ACTION.submit, tick } : { actionId: ACTION.none };
  }
  return { actionId: ACTION.no };
}

/** Where a click came from and what it ticks first. */
export interface ClickAs {
  /** Channel of the clicked message (for ephemeral messages). */
  channel?: string;
  /** Finding ids to tick in the message's checkboxes before clicking. */
  tick?: string[];
}

/**
 * One person in the HTTP-mode harness: DMs in `channel` as `user` and clicks the bot's buttons,
 * each time waiting until the adapter is idle. `harness` is read at each call, so a suite can
 * build its person once and start a fresh harness per test.
 */
export function slackPerson(harness: () => SlackHarness, who: { channel: string; user: string }) {
  const clickPayload = (message: FakeSlackMessage, actionId: string, o: ClickAs = {}) => {
    const h = harness();
    return blockActionsPayload(message, actionId, {
      team: h.fake.teamId,
      user: who.user,
      responseUrl: h.fake.responseUrl(message.ts),
      ...o,
    });
  };
  return {
    async dm(text: string) {
      const h = harness();
      const res = await postEvent(
        h.eventsUrl,
        SIGNING_SECRET,
        eventEnvelope(h.fake, dmMessageEvent({ channel: who.channel, user: who.user, text })),
      );
      await h.slack.idle();
      return res;
    },
    clickPayload,
    async click(message: FakeSlackMessage, actionId: string, o: ClickAs = {}) {
      const h = harness();
      const res = await postInteraction(h.eventsUrl, SIGNING_SECRET, clickPayload(message, actionId, o));
      await h.slack.idle();
      return res;
    },
  };
}
