/**
 * One conversation turn for any Slack surface: hand the UserEvent to the Bot, drop duplicates
 * (Slack retries, a message delivered as both `message` and `app_mention`, a repeated click),
 * render the replies and post them where the conversation lives.
 */
import type { Bot } from '../../src/bot.js';
import type { EventMeta, UserEvent } from '../../src/conversation/types.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import type { Logger } from '../../src/log.js';
import type { InFlight } from './in-flight.js';
import type { Outbox } from './outbox.js';
import type { RecentEvents } from './recent-events.js';
import { type RenderOptions, renderReply, type SlackMessage } from './render-blocks.js';

/** What the adapter needs from the Bot (the real Bot, or a test double). */
export type ConversationBot = Pick<Bot, 'handleDetailed' | 'store'> & {
  knowledge?: Pick<Knowledge, 'findings'>;
};

export interface SlackContext {
  bot: ConversationBot;
  logger: Logger;
  inFlight: InFlight;
  recent: RecentEvents;
  render: RenderOptions;
}

export type Surface = 'dm' | 'mention' | 'command' | 'click';

export interface TurnArgs {
  surface: Surface;
  key: string;
  event: UserEvent;
  meta: EventMeta;
  outbox: Outbox;
  /** Runs once the Bot accepted the event (not a duplicate), before replies are posted. */
  onAccepted?: () => Promise<void>;
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

export async function runTurn(ctx: SlackContext, args: TurnArgs): Promise<void> {
  const { surface, key, event, meta, outbox } = args;
  let result: Awaited<ReturnType<ConversationBot['handleDetailed']>>;
  try {
    result = await ctx.bot.handleDetailed(key, event, meta);
  } catch (error) {
    // Bot.handle does not throw for user input or store outages; anything else is a bug to log.
    ctx.logger.error(
      { event: 'slack_turn_failed', surface, kind: event.kind, err: { name: (error as Error)?.name } },
      'turn failed',
    );
    return;
  }
  if (result.duplicate) {
    ctx.logger.info({ event: 'slack_duplicate', surface, kind: event.kind }, 'duplicate delivery ignored');
    return;
  }
  if (args.onAccepted) await args.onAccepted();
  const messages = result.replies.map((r) => renderReply(r, ctx.render));
  if (messages[0] && args.decorateFirst) messages[0] = args.decorateFirst(messages[0]);
  const posted = await outbox.post(messages);
  ctx.logger.info(
    { event: 'slack_turn', surface, kind: event.kind, replies: messages.length, posted },
    'slack turn done',
  );
}
