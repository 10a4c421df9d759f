/**
 * One conversation turn for any Slack surface, through the shared turn runner: render the
 * outcome's replies as Block Kit, post them where the conversation lives, and take the buttons
 * off the question message the turn closed.
 */
import type { webApi } from '@slack/bolt';
import { copy } from '../../src/conversation/copy.js';
import type { Logger } from '../../src/log.js';
import type { TurnOutcome } from '../../src/turn-outcome.js';
import type { EventMeta, UserEvent } from '../../src/vocabulary.js';
import type { QuestionMessages } from '../shared/question-messages.js';
import { quietOrRender, runTurn, type TurnBot } from '../shared/run-turn.js';
import { slackUser } from './conversation-key.js';
import { slackCopy } from './copy.js';
import type { InFlight } from './in-flight.js';
import type { SlackLocales } from './locale.js';
import type { Outbox } from './outbox.js';
import {
  type RenderedPost,
  renderClosedQuestion,
  renderReplies,
  renderText,
  type SlackMessage,
} from './render-blocks.js';

export type { TurnBot };

export interface SlackContext {
  bot: TurnBot;
  logger: Logger;
  inFlight: InFlight;
  /** The posted message of each open question (DMs and threads, where messages have a ts). */
  questions: QuestionMessages<{ ts: string; message: SlackMessage }>;
  /** Each user's region hint from their Slack locale (cached). */
  locales: SlackLocales;
}

/**
 * Who did it, under which event id, and the region their Slack locale suggests (none when the
 * locale names no region calfbot has care text for, or users.info failed). A locale not yet
 * looked up is left to the Bot, which calls users.info only for a reply that names a number.
 */
export function slackMeta(
  ctx: SlackContext,
  client: webApi.WebClient,
  who: { team: string; user: string; eventId: string },
): EventMeta {
  const meta: EventMeta = { eventId: who.eventId, user: slackUser(who.team, who.user) };
  const known = ctx.locales.known(who.team, who.user);
  if (known) meta.region = known;
  else if (known === undefined) meta.lookUpRegion = () => ctx.locales.regionOf(client, who.team, who.user);
  return meta;
}

export type Surface = 'dm' | 'mention' | 'command' | 'click' | 'assistant' | 'home';

export interface TurnArgs {
  surface: Surface;
  key: string;
  event: UserEvent;
  meta: EventMeta;
  outbox: Outbox;
  /** Runs with the outcome before its replies are posted; 'skip' posts nothing. */
  beforePost?: (outcome: TurnOutcome) => Promise<'post' | 'skip'>;
  /** The question message this event came from (the click handler takes care of it). */
  clickedTs?: string;
  /** Adds to the first message posted (e.g. the "DMs are more private" nudge). */
  decorateFirst?: (message: SlackMessage) => SlackMessage;
}

interface Plan {
  outcome: TurnOutcome;
  posts: RenderedPost[];
}

/** Run one turn and post its replies. Never throws (the shared runner apologises instead). */
export async function runSlackTurn(ctx: SlackContext, args: TurnArgs): Promise<TurnOutcome | null> {
  const { key, outbox } = args;
  return runTurn<Plan>(
    { bot: ctx.bot, logger: ctx.logger },
    { platform: 'slack', surface: args.surface, key, event: args.event, meta: args.meta },
    {
      render: quietOrRender((outcome): Plan => {
        // One post a turn where it can be: a greeting goes in the first question's message.
        const posts = renderReplies(outcome.replies);
        if (posts[0] && args.decorateFirst)
          posts[0] = { ...posts[0], message: args.decorateFirst(posts[0].message) };
        return { outcome, posts };
      }),
      async post(plan) {
        const ready = await plan;
        if (!ready) return;
        if (args.beforePost && (await args.beforePost(ready.outcome)) === 'skip') return;
        const posted = await outbox.post(ready.posts.map((p) => p.message));
        ready.posts.forEach((p, i) => {
          const ts = posted.ts[i];
          if (p.question && ts) ctx.questions.remember(key, p.question, { ts, message: p.message });
        });
      },
      async closeSpent(outcome) {
        const spent = outcome.closed && ctx.questions.take(key, outcome.closed.question);
        if (!spent || spent.ts === args.clickedTs || !outbox.replace) return;
        await outbox.replace(
          spent.ts,
          renderClosedQuestion(spent.message.blocks, spentNote(outcome, args.event)),
        );
      },
      apologise: () => outbox.post([renderText(copy.internalError, 'error')]).then(() => undefined),
    },
  );
}

/** What the old question message says once the conversation moved past it without a click. */
function spentNote(outcome: TurnOutcome, event: UserEvent): string {
  if (outcome.command === 'restart') return slackCopy.startedOver;
  return !outcome.command && event.kind === 'text' ? slackCopy.answeredInWords : slackCopy.noLongerOpen;
}
