/**
 * Button and checkbox clicks. ack() first; checkbox ticks need nothing else (the ticks are read
 * from the message state when Submit is pressed). An answer closes its question message (the
 * buttons go, the chosen answer shows), so it cannot be answered twice. A click on a question
 * that is no longer open (answered, superseded, finished or expired) changes nothing and gets a
 * friendly private note instead of an error.
 */
import type { App, RespondFn } from '@slack/bolt';
import type { UserEvent } from '../../../src/conversation/types.js';
import { CalfbotError } from '../../../src/errors.js';
import {
  ACTION,
  ACTION_PREFIX,
  CHECKBOX_ACTION,
  CHOICE_OF_ACTION,
  decodeValue,
  isCheckboxBlock,
} from '../action-ids.js';
import { isDmChannel, keyForClick, slackUser } from '../conversation-key.js';
import { slackCopy } from '../copy.js';
import { channelOutbox, type Outbox, responseUrlOutbox } from '../outbox.js';
import { type BlockActions, blockActionsSchema } from '../parse.js';
import { choiceLabel, renderClosedQuestion, renderText, type SlackMessage } from '../render-blocks.js';
import { describeSlackError } from '../slack-errors.js';
import { firstDelivery, movedPast, runTurn, type SlackContext } from '../turn.js';

/** What a click can do to the place it came from. */
interface ClickPlace {
  outbox: Outbox;
  /** Replace the clicked message. */
  replace(message: SlackMessage): Promise<void>;
  /** A note only the clicking user sees. */
  tellUser(text: string): Promise<void>;
}

function clickPlace(
  ctx: SlackContext,
  client: App['client'],
  respond: RespondFn | undefined,
  where: { channel: string; user: string; ephemeral: boolean; messageTs?: string; threadTs?: string },
): ClickPlace {
  const fail = (method: string) => (error: unknown) =>
    ctx.logger.error(
      { event: 'slack_api_failed', method, ...describeSlackError(error) },
      'slack call failed',
    );
  if (where.ephemeral || !where.messageTs) {
    const noRespond: RespondFn = async () => {
      throw new CalfbotError('PLATFORM_ERROR', 'This click came without a response_url.');
    };
    const r = respond ?? noRespond;
    return {
      outbox: responseUrlOutbox(r, ctx.logger),
      replace: (m) =>
        r({ replace_original: true, text: m.text, blocks: m.blocks }).then(() => {}, fail('response_url')),
      tellUser: (text) => {
        const m = renderText(text);
        return r({
          response_type: 'ephemeral',
          replace_original: false,
          text: m.text,
          blocks: m.blocks,
        }).then(() => {}, fail('response_url'));
      },
    };
  }
  const threadTs = where.threadTs ?? (isDmChannel(where.channel) ? undefined : where.messageTs);
  return {
    outbox: channelOutbox(client, ctx.logger, where.channel, threadTs),
    replace: (m) =>
      client.chat
        .update({ channel: where.channel, ts: where.messageTs!, text: m.text, blocks: m.blocks })
        .then(() => {}, fail('chat.update')),
    tellUser: (text) => {
      const m = renderText(text);
      return client.chat
        .postEphemeral({
          channel: where.channel,
          user: where.user,
          text: m.text,
          blocks: m.blocks,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        })
        .then(() => {}, fail('chat.postEphemeral'));
    },
  };
}

/** The ticked options of a multi question, read from the message state at Submit time. */
function ticked(body: BlockActions): Array<{ finding: string; label?: string }> {
  const out: Array<{ finding: string; label?: string }> = [];
  for (const [blockId, elements] of Object.entries(body.state?.values ?? {})) {
    if (!isCheckboxBlock(blockId)) continue;
    for (const element of Object.values(elements)) {
      for (const o of element.selected_options ?? []) {
        out.push({ finding: o.value, ...(o.text ? { label: o.text.text } : {}) });
      }
    }
  }
  return out;
}

type Decision = { kind: 'event'; event: UserEvent; note?: string; needsOpen: boolean } | { kind: 'ignore' };

function decide(body: BlockActions, ctx: SlackContext): Decision {
  const action = body.actions[0]!;
  if (CHECKBOX_ACTION.test(action.action_id)) return { kind: 'ignore' };
  const value = decodeValue(action.value);
  const q = value?.q;
  const choice = CHOICE_OF_ACTION.get(action.action_id);
  if (choice && q) {
    return {
      kind: 'event',
      event: { kind: 'answer', question: q, choice },
      note: slackCopy.answered(choiceLabel(choice)),
      needsOpen: true,
    };
  }
  if (action.action_id === ACTION.submit && q) {
    const picks = ticked(body);
    const label = (p: { finding: string; label?: string }) => p.label ?? findingLabel(ctx, p.finding);
    const note = slackCopy.answered(picks.length > 0 ? picks.map(label).join(', ') : slackCopy.none);
    return {
      kind: 'event',
      event: { kind: 'select', question: q, selected: picks.map((p) => p.finding) },
      note,
      needsOpen: true,
    };
  }
  if (action.action_id === ACTION.none && q) {
    return {
      kind: 'event',
      event: { kind: 'select', question: q, selected: [] },
      note: slackCopy.answered(slackCopy.none),
      needsOpen: true,
    };
  }
  if (action.action_id === ACTION.why && q) {
    return { kind: 'event', event: { kind: 'command', command: 'why' }, needsOpen: true };
  }
  if (action.action_id === ACTION.restart) {
    return {
      kind: 'event',
      event: { kind: 'command', command: 'restart' },
      ...(q ? { note: slackCopy.startedOver } : {}),
      needsOpen: false,
    };
  }
  return { kind: 'ignore' };
}

type Openness =
  | { kind: 'open' | 'duplicate' | 'closed' | 'unknown' }
  /** Another question is waiting; `answer` says how this one was answered, when it was. */
  | { kind: 'superseded'; answer?: string };

/** Is question `q` still the one waiting for an answer in this conversation? */
async function questionOpenness(
  ctx: SlackContext,
  key: string,
  q: string,
  eventId: string,
): Promise<Openness> {
  let record: Awaited<ReturnType<SlackContext['bot']['store']['get']>>;
  try {
    if (await ctx.bot.store.hasEvent(key, eventId)) return { kind: 'duplicate' };
    record = await ctx.bot.store.get(key);
  } catch {
    // The store is down: let the Bot say so.
    return { kind: 'unknown' };
  }
  const pending = record?.state.pending;
  if (!record || !pending) return { kind: 'closed' };
  if (pending.id === q) return { kind: 'open' };
  const step = record.state.history.find((h) => h.question.id === q);
  if (!step) return { kind: 'superseded' };
  if (step.question.type === 'yes_no')
    return { kind: 'superseded', answer: choiceLabel(step.changes[0]?.after ?? 'unsure') };
  const picked = step.changes.filter((c) => c.after === 'yes').map((c) => findingLabel(ctx, c.finding));
  return { kind: 'superseded', answer: picked.length > 0 ? picked.join(', ') : slackCopy.none };
}

const findingLabel = (ctx: SlackContext, id: string): string =>
  ctx.bot.knowledge?.findings.get(id)?.label ?? id;

async function handleClick(
  ctx: SlackContext,
  client: App['client'],
  respond: RespondFn | undefined,
  raw: unknown,
  fallbackTeam: string | undefined,
): Promise<void> {
  const parsed = blockActionsSchema.safeParse(raw);
  if (!parsed.success) {
    ctx.logger.warn({ event: 'slack_bad_payload', surface: 'click' }, 'block_actions payload did not parse');
    return;
  }
  const body = parsed.data;
  const decision = decide(body, ctx);
  if (decision.kind === 'ignore') return;
  const team = body.team?.id ?? body.user.team_id ?? fallbackTeam;
  const channel = body.container?.channel_id ?? body.channel?.id;
  if (!team || !channel) {
    ctx.logger.warn({ event: 'slack_bad_payload', surface: 'click' }, 'click without team or channel');
    return;
  }
  const action = body.actions[0]!;
  const user = body.user.id;
  const ephemeral = body.container?.is_ephemeral === true;
  const messageTs = body.container?.message_ts ?? body.message?.ts;
  const threadTs = body.message?.thread_ts ?? body.container?.thread_ts;
  const key = keyForClick({
    team,
    channel,
    user,
    ephemeral,
    ...(messageTs ? { messageTs } : {}),
    ...(threadTs ? { threadTs } : {}),
  });
  const eventId = `click:${action.action_ts ?? body.trigger_id ?? messageTs}:${action.action_id}`;
  if (!firstDelivery(ctx, eventId, 'click')) return;
  const place = clickPlace(ctx, client, respond, {
    channel,
    user,
    ephemeral,
    ...(messageTs ? { messageTs } : {}),
    ...(threadTs ? { threadTs } : {}),
  });
  const original = body.message?.blocks;

  const q = decodeValue(action.value)?.q;
  if (decision.needsOpen && q) {
    const openness = await questionOpenness(ctx, key, q, eventId);
    if (openness.kind === 'duplicate') {
      ctx.logger.info({ event: 'slack_duplicate', surface: 'click' }, 'duplicate click ignored');
      return;
    }
    if (openness.kind === 'closed' || openness.kind === 'superseded') {
      ctx.logger.info(
        { event: 'slack_stale_click', surface: 'click', openness: openness.kind },
        'click on a question that is no longer open',
      );
      // Show how it was answered when we know (a double click lands here), else that it closed.
      const answer = openness.kind === 'superseded' ? openness.answer : undefined;
      await place.replace(
        answer
          ? renderClosedQuestion(original, slackCopy.answered(answer))
          : renderClosedQuestion(original, slackCopy.noLongerOpen, ':hourglass:'),
      );
      await place.tellUser(openness.kind === 'closed' ? slackCopy.expired : slackCopy.staleQuestion);
      return;
    }
  }
  const note = decision.note;
  await runTurn(ctx, {
    surface: 'click',
    key,
    event: decision.event,
    meta: { eventId, user: slackUser(team, user) },
    outbox: place.outbox,
    ...(messageTs ? { clickedTs: messageTs } : {}),
    // The question shows the answer only once the Bot took it (it asked the next thing).
    ...(note
      ? {
          onReplies: async (replies) => {
            if (movedPast(q, replies)) await place.replace(renderClosedQuestion(original, note));
          },
        }
      : {}),
  });
}

export function registerActions(app: App, ctx: SlackContext): void {
  app.action(ACTION_PREFIX, async ({ ack, body, respond, client, context }) => {
    await ack();
    await handleClick(ctx, client, respond, body, context.teamId);
  });
}
