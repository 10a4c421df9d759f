/**
 * One conversation turn for any Slack surface: hand the UserEvent to the Bot, drop duplicates
 * (Slack retries, a message delivered as both `message` and `app_mention`, a repeated click),
 * render the replies and post them where the conversation lives.
 */
import type { Bot } from '../../src/bot.js';
import { copy } from '../../src/conversation/copy.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import type { Logger } from '../../src/log.js';
import type { EventMeta, Reply, UserEvent } from '../../src/vocabulary.js';
import { slackCopy } from './copy.js';
import type { InFlight } from './in-flight.js';
import type { OpenQuestions } from './open-questions.js';
import type { Outbox, PostResult } from './outbox.js';
import type { RecentEvents } from './recent-events.js';
import {
  type RenderOptions,
  renderClosedQuestion,
  renderReply,
  renderText,
  type SlackMessage,
} from './render-blocks.js';

/** What the adapter needs from the Bot (the real Bot, or a test double). */
export type ConversationBot = Pick<Bot, 'handleDetailed' | 'store'> & {
  knowledge?: Pick<Knowledge, 'findings'>;
};

export interface SlackContext {
  bot: ConversationBot;
  logger: Logger;
  inFlight: InFlight;
  recent: RecentEvents;
  openQuestions: OpenQuestions;
  render: RenderOptions;
}

export type Surface = 'dm' | 'mention' | 'command' | 'click';

export interface TurnArgs {
  surface: Surface;
  key: string;
  event: UserEvent;
  meta: EventMeta;
  outbox: Outbox;
  /** Runs with the Bot's replies (when not a duplicate), before they are posted. */
  onReplies?: (replies: Reply[]) => Promise<void>;
  /** The question message this event came from, already closed by the click handler. */
  clickedTs?: string;
  /** Adds to the first message posted (e.g. the "DMs are more private" nudge). */
  decorateFirst?: (message: SlackMessage) => SlackMessage;
}

/**
 * False (and logged) when this process already took `eventId` a moment ago: a retry, or the
 * other delivery of the same message. Call before doing anything for an event.
 */
export function firstDelivery(ctx: SlackContext, eventId: string, surface: Surface): boolean {
  if (ctx.recent.claim(eventId)) return true;
  ctx.logger.info({ event: 'slack_duplicate', surface }, 'duplicate delivery ignored');
  return false;
}

/**
 * True when the replies show the conversation is past question `q`: a different question or an
 * assessment came. (A refusal — store down, slow down, "not one of the options" — is text only.)
 */
export const movedPast = (q: string | undefined, replies: Reply[]): boolean =>
  replies.some((r) => r.kind === 'assessment' || (r.kind === 'question' && r.question !== q));

/**
 * Run one turn and post its replies. Never throws: anything unexpected (a bug in the Bot, the
 * renderer or a hook) is logged by name and the person gets an apology instead of silence.
 */
export async function runTurn(ctx: SlackContext, args: TurnArgs): Promise<void> {
  const { surface, event, outbox } = args;
  try {
    await turnAndPost(ctx, args);
  } catch (error) {
    ctx.logger.error(
      { event: 'slack_turn_failed', surface, kind: event.kind, err: { name: (error as Error)?.name } },
      'turn failed',
    );
    await outbox.post([renderText(copy.internalError, 'error')]).catch(() => undefined);
  }
}

async function turnAndPost(ctx: SlackContext, args: TurnArgs): Promise<void> {
  const { surface, key, event, meta, outbox } = args;
  const result = await ctx.bot.handleDetailed(key, event, meta);
  if (result.duplicate) {
    ctx.logger.info({ event: 'slack_duplicate', surface, kind: event.kind }, 'duplicate delivery ignored');
    return;
  }
  if (result.quiet) {
    // Already told to slow down in this window: a flood gets one notice, not one per message.
    ctx.logger.info({ event: 'slack_turn', surface, kind: event.kind, outcome: 'quiet' }, 'nothing to post');
    return;
  }
  if (args.onReplies) await args.onReplies(result.replies);
  const messages = result.replies.map((r) => renderReply(r, ctx.render));
  if (messages[0] && args.decorateFirst) messages[0] = args.decorateFirst(messages[0]);
  const posted = await outbox.post(messages);
  await closeSuperseded(ctx, args, result.replies, messages, posted);
  ctx.logger.info(
    { event: 'slack_turn', surface, kind: event.kind, replies: messages.length, posted: posted.ok },
    'slack turn done',
  );
}

/**
 * When the conversation moved past the question it was waiting on (a new question, or the
 * assessment), that question's message loses its buttons; the new question is remembered.
 */
async function closeSuperseded(
  ctx: SlackContext,
  args: TurnArgs,
  replies: Reply[],
  messages: SlackMessage[],
  posted: PostResult,
): Promise<void> {
  const previous = ctx.openQuestions.get(args.key);
  if (previous && movedPast(previous.question, replies)) {
    ctx.openQuestions.delete(args.key);
    if (previous.ts !== args.clickedTs && args.outbox.replace) {
      const note =
        args.event.kind === 'text'
          ? slackCopy.answeredInWords
          : args.event.kind === 'command' && args.event.command === 'restart'
            ? slackCopy.startedOver
            : slackCopy.noLongerOpen;
      await args.outbox.replace(previous.ts, renderClosedQuestion(previous.message.blocks, note));
    }
  }
  replies.forEach((r, i) => {
    const ts = posted.ts[i];
    if (r.kind === 'question' && ts)
      ctx.openQuestions.set(args.key, { question: r.question, ts, message: messages[i]! });
  });
}
