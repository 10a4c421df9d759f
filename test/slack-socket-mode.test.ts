/**
 * The same DM conversation in Socket Mode: `apps.connections.open` at the fake Web API answers a
 * ws:// URL on 127.0.0.1; the fake sends `hello`, then `events_api` and `interactive` envelopes,
 * and every envelope is acknowledged by its envelope_id.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../adapters/slack/action-ids.js';
import type { FakeSlackMessage } from './fakes/fake-slack.js';
import { isAssessment, isOpenQuestion, messagesIn, scriptedAnswer, textOf } from './fakes/slack-drive.js';
import { APP_TOKEN, type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import {
  actionIdsOf,
  blockActionsPayload,
  dmMessageEvent,
  eventEnvelope,
  slashCommandFields,
} from './fakes/slack-payloads.js';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness({ mode: 'socket' });
});
afterEach(async () => {
  await h.close();
});

const DM = 'D0DM0003';
const USER = 'U0PERSON4';

async function send(
  type: 'events_api' | 'interactive' | 'slash_commands',
  payload: unknown,
  retryAttempt?: number,
) {
  const ack = await h.fake.socket.send(type, payload, retryAttempt !== undefined ? { retryAttempt } : {});
  await h.slack.idle();
  return ack;
}

const click = (message: FakeSlackMessage, actionId: string, tick?: string[]) =>
  send(
    'interactive',
    blockActionsPayload(message, actionId, {
      team: h.fake.teamId,
      user: USER,
      responseUrl: h.fake.responseUrl(message.ts),
      ...(tick ? { tick } : {}),
    }),
  );

describe('Slack DM conversation (Socket Mode)', () => {
  it('connects with the app token through apps.connections.open', () => {
    expect(h.slack.mode).toBe('socket');
    expect(h.slack.port).toBeUndefined();
    const open = h.fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe(APP_TOKEN);
  });

  it('goes from "why do my calves hurt" to an assessment, acknowledging every envelope', async () => {
    const first = eventEnvelope(
      h.fake,
      dmMessageEvent({ channel: DM, user: USER, text: 'why do my calves hurt' }),
    );
    const ack = await send('events_api', first);
    expect(ack.envelope_id).toBe(h.fake.socket.sent[0]);
    // Slack redelivers an envelope it thinks was lost: nothing is posted twice.
    await send('events_api', first, 1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);

    for (let i = 0; i < 30 && !messagesIn(h.fake.messages, DM).some(isAssessment); i++) {
      const q = messagesIn(h.fake.messages, DM).filter(isOpenQuestion).at(-1)!;
      const { actionId, tick } = scriptedAnswer(q, ['night_cramps', 'statin_use']);
      await click(q, actionId, tick);
      expect(actionIdsOf(q)).toEqual([]);
      expect(textOf(q)).toContain('You answered');
    }
    const assessment = messagesIn(h.fake.messages, DM).find(isAssessment)!;
    expect(assessment).toBeDefined();
    expect(assessment.blocks[0]!.type).toBe('header');
    expect(actionIdsOf(assessment)).toEqual([
      'calfbot_feedback_helpful',
      'calfbot_feedback_not_helpful',
      ACTION.restart,
    ]);

    // Every envelope sent was acknowledged, by its own id.
    expect(h.fake.socket.acks.map((a) => a.envelope_id).sort()).toEqual([...h.fake.socket.sent].sort());
  });

  it('takes /calves too, acknowledging the envelope and answering through response_url', async () => {
    const fields = slashCommandFields({
      team: h.fake.teamId,
      channel: 'C0GENERAL',
      user: USER,
      text: 'help',
      responseUrl: h.fake.responseUrl(),
    });
    const ack = await send('slash_commands', fields);
    expect(ack.envelope_id).toBe(h.fake.socket.sent.at(-1));
    expect(h.fake.callsTo('response_url')).toHaveLength(1);
    expect(textOf(h.fake.messages.at(-1)!)).toMatch(/Commands/);
  });
});
