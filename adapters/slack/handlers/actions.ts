/**
 * Button and checkbox clicks. ack() first; checkbox ticks need nothing else (the ticks are read
 * from the message state when Submit is pressed). An answer closes its question message (the
 * buttons go, the chosen answer shows), so it cannot be answered twice. A click on a question
 * that is no longer open (answered, superseded, finished or expired) changes nothing and gets a
 * friendly private note instead of an error, unless it says yes to a warning sign not known yet:
 * that is news, and what it changes is posted.
 */
import type { App, RespondFn } from '@slack/bolt';
import { CalfbotError } from '../../../src/errors.js';
import type { TurnOutcome } from '../../../src/turn-outcome.js';
import type { UserEvent } from '../../../src/vocabulary.js';
import { describeError } from '../../shared/errors.js';
import { answerLabel } from '../../shared/labels.js';
import {
  ACTION,
  ACTION_PREFIX,
  CHECKBOX_ACTION,
  CHOICE_OF_ACTION,
  decodeValue,
  isCheckboxBlock,
} from '../action-ids.js';
import { isDmChannel, keyForClick } from '../conversation-key.js';
import { slackCopy } from '../copy.js';
import { formJson } from '../form-json.js';
import { channelOutbox, type Outbox, responseUrlOutbox } from '../outbox.js';
import { type BlockActions, blockActionsSchema } from '../parse.js';
import { renderClosedQuestion, renderText, type SlackMessage } from '../render-blocks.js';
import { runSlackTurn, type SlackContext, slackMeta } from '../turn.js';
import { assistantPane } from './assistant.js';

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
    ctx.logger.error({ event: 'slack_api_failed', ...describeError(error), method }, 'slack call failed');
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
        .update({ channel: where.channel, ts: where.messageTs!, text: m.text, blocks: formJson(m.blocks) })
        .then(() => {}, fail('chat.update')),
    tellUser: (text) => {
      const m = renderText(text);
      return client.chat
        .postEphemeral({
          channel: where.channel,
          user: where.user,
          text: m.text,
          blocks: formJson(m.blocks),
          ...(threadTs ? { thread_ts: threadTs } : {}),
        })
        .then(() => {}, fail('chat.postEphemeral'));
    },
  };
}

/** The ticked options of a multi question, read from the message state at Submit time. */
function ticked(body: BlockActions): string[] {
  const out: string[] = [];
  for (const [blockId, elements] of Object.entries(body.state?.values ?? {})) {
    if (!isCheckboxBlock(blockId)) continue;
    for (const element of Object.values(elements)) {
      for (const o of element.selected_options ?? []) out.push(o.value);
    }
  }
  return out;
}

/** `needsOpen`: the click answers (or asks about) a question, which must still be open. */
type Decision = { kind: 'event'; event: UserEvent; needsOpen: boolean } | { kind: 'ignore' };

function decide(body: BlockActions): Decision {
  const action = body.actions[0]!;
  if (CHECKBOX_ACTION.test(action.action_id)) return { kind: 'ignore' };
  const q = decodeValue(action.value)?.q;
  const choice = CHOICE_OF_ACTION.get(action.action_id);
  const answer = (event: UserEvent): Decision => ({ kind: 'event', event, needsOpen: true });
  if (choice && q) return answer({ kind: 'answer', question: q, choice });
  if (action.action_id === ACTION.submit && q)
    return answer({ kind: 'select', question: q, selected: ticked(body) });
  if (action.action_id === ACTION.none && q) return answer({ kind: 'select', question: q, selected: [] });
  if (action.action_id === ACTION.why && q) return answer({ kind: 'command', command: 'why', question: q });
  if (action.action_id === ACTION.restart) {
    const event: UserEvent = { kind: 'command', command: 'restart', ...(q ? { question: q } : {}) };
    return { kind: 'event', event, needsOpen: false };
  }
  return { kind: 'ignore' };
}

/**
 * Before the replies go out: a click on a question that is no longer open changes its message
 * and tells the user, and posts nothing else; an answer taken shows on its question message.
 */
async function onOutcome(
  ctx: SlackContext,
  place: ClickPlace,
  original: ReadonlyArray<{ type: string }> | undefined,
  decision: Extract<Decision, { kind: 'event' }>,
  outcome: TurnOutcome,
): Promise<'post' | 'skip'> {
  const target = outcome.target;
  if (target?.fate === 'news') {
    // A warning sign ticked on an old question was taken as news: show it, and post what it changes.
    await place.replace(
      renderClosedQuestion(original, slackCopy.addedLate(answerLabel(target.answer ?? {})), ':warning:'),
    );
    return 'post';
  }
  if (decision.needsOpen && target && target.fate !== 'open' && target.fate !== 'answered') {
    ctx.logger.info(
      { event: 'slack_stale_click', surface: 'click', fate: target.fate },
      'click on a question that is no longer open',
    );
    // Show how it was answered when we know (a double click lands here), else that it closed.
    await place.replace(
      target.answer
        ? renderClosedQuestion(original, slackCopy.answered(answerLabel(target.answer)))
        : renderClosedQuestion(original, slackCopy.noLongerOpen, ':hourglass:'),
    );
    await place.tellUser(target.fate === 'superseded' ? slackCopy.staleQuestion : slackCopy.expired);
    return 'skip';
  }
  // The question shows the answer only once the Bot took it (it asked the next thing).
  if (outcome.command === 'restart' && target && outcome.outcome === 'ok')
    await place.replace(renderClosedQuestion(original, slackCopy.startedOver));
  else if (target?.fate === 'answered' && target.answer)
    await place.replace(renderClosedQuestion(original, slackCopy.answered(answerLabel(target.answer))));
  return 'post';
}

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
  const decision = decide(body);
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
  const place = clickPlace(ctx, client, respond, {
    channel,
    user,
    ephemeral,
    ...(messageTs ? { messageTs } : {}),
    ...(threadTs ? { threadTs } : {}),
  });
  const original = body.message?.blocks;
  // In an assistant thread (a DM thread): the status while the turn runs, the title after it.
  const pane =
    threadTs && isDmChannel(channel) && !ephemeral ? assistantPane(ctx, client, channel, threadTs) : null;
  await pane?.working();
  const outcome = await runSlackTurn(ctx, {
    surface: 'click',
    key,
    event: decision.event,
    meta: slackMeta(ctx, client, { team, user, eventId }),
    outbox: place.outbox,
    ...(messageTs ? { clickedTs: messageTs } : {}),
    beforePost: (outcome) => onOutcome(ctx, place, original, decision, outcome),
  });
  await pane?.done(outcome);
}

export function registerActions(app: App, ctx: SlackContext): void {
  app.action(ACTION_PREFIX, async ({ ack, body, respond, client, context }) => {
    await ack();
    await handleClick(ctx, client, respond, body, context.teamId);
  });
}
