/**
 * "Was this helpful?" on every assessment: two buttons whose value is only the advice level. A
 * click is counted (FeedbackCounts: advice level and verdict, no user id, nothing the person
 * said) once per message, and thanked once: the buttons give way to "Thanks for the feedback".
 */
import type { App, types } from '@slack/bolt';
import { z } from 'zod';
import type { FeedbackCounts, Verdict } from '../../src/feedback.js';
import { TRIAGE_LEVELS, type Triage } from '../../src/vocabulary.js';
import { describeError } from '../shared/errors.js';
import { formJson } from './form-json.js';
import { blockActionsSchema } from './parse.js';
import type { SlackContext } from './turn.js';

export const FEEDBACK_BLOCK = 'calfbot_feedback';
export const FEEDBACK_ACTION: Record<Verdict, string> = {
  helpful: 'calfbot_feedback_helpful',
  not_helpful: 'calfbot_feedback_not_helpful',
};
const FEEDBACK_PREFIX = /^calfbot_feedback_/;
export const THANKS = 'Thanks for the feedback.';
/** How many answered messages are remembered, so a double click counts once. */
const REMEMBERED = 10_000;

const valueSchema = z.object({ a: z.enum(TRIAGE_LEVELS) });

export function feedbackBlock(advice: Triage): types.KnownBlock {
  const value = JSON.stringify({ a: advice });
  const button = (text: string, verdict: Verdict): types.Button => ({
    type: 'button',
    text: { type: 'plain_text', text, emoji: true },
    action_id: FEEDBACK_ACTION[verdict],
    value,
  });
  return {
    type: 'actions',
    block_id: FEEDBACK_BLOCK,
    elements: [button(':thumbsup: Helpful', 'helpful'), button(':thumbsdown: Not helpful', 'not_helpful')],
  };
}

function verdictOf(actionId: string): Verdict | undefined {
  return (Object.keys(FEEDBACK_ACTION) as Verdict[]).find((v) => FEEDBACK_ACTION[v] === actionId);
}

export function registerFeedback(app: App, ctx: SlackContext, counts: FeedbackCounts): void {
  const answered = new Set<string>();
  app.action(FEEDBACK_PREFIX, async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = blockActionsSchema.safeParse(body);
    if (!parsed.success) return;
    const b = parsed.data;
    const action = b.actions[0]!;
    const verdict = verdictOf(action.action_id);
    let advice: Triage | undefined;
    try {
      advice = valueSchema.safeParse(JSON.parse(action.value ?? '')).data?.a;
    } catch {
      advice = undefined;
    }
    const channel = b.container?.channel_id ?? b.channel?.id;
    const ts = b.container?.message_ts ?? b.message?.ts;
    if (!verdict || !advice || !channel || !ts) return;
    const id = `${channel}:${ts}`;
    if (answered.has(id)) return;
    answered.add(id);
    if (answered.size > REMEMBERED) answered.delete(answered.values().next().value as string);
    counts.record(advice, verdict);
    ctx.logger.info({ event: 'slack_feedback', advice, verdict }, 'feedback counted');
    const thanks: types.KnownBlock = {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `:pray: ${THANKS}` }],
    };
    try {
      if (b.message?.blocks && b.container?.is_ephemeral !== true) {
        const kept = b.message.blocks.filter((x) => (x as { block_id?: string }).block_id !== FEEDBACK_BLOCK);
        await client.chat.update({
          channel,
          ts,
          text: THANKS,
          blocks: formJson([...(kept as types.KnownBlock[]), thanks]),
        });
      } else {
        // An ephemeral assessment does not come back with the click: thank beside it.
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: THANKS,
          blocks: [thanks],
        });
      }
    } catch (error) {
      ctx.logger.warn(
        { event: 'slack_api_failed', ...describeError(error), method: 'feedback' },
        'could not thank',
      );
    }
  });
}
