/**
 * Direct messages (`message.im`) and mentions (`app_mention`). Bolt acknowledges events before
 * listeners run. A mention in a channel is answered in its thread (the first time with a nudge
 * that DMs are more private); a mention inside a DM is the same message as the DM itself.
 * Both deliveries of one message share the event id `msg:<channel>:<ts>`, and so do Slack's
 * retries, so the Bot's dedupe makes each message count once.
 */
import type { App } from '@slack/bolt';
import { isDmChannel, keyForMessage, slackUser } from '../conversation-key.js';
import { slackCopy } from '../copy.js';
import { channelOutbox } from '../outbox.js';
import {
  appMentionEventSchema,
  eventCallbackSchema,
  messageEventSchema,
  slackTextToPlain,
  wordsToEvent,
} from '../parse.js';
import { withNote } from '../render-blocks.js';
import { firstDelivery, runTurn, type SlackContext, type Surface } from '../turn.js';

interface IncomingMessage {
  team: string;
  channel: string;
  user: string;
  text: string;
  ts: string;
  threadTs?: string;
}

export const messageEventId = (channel: string, ts: string): string => `msg:${channel}:${ts}`;

async function handleMessage(
  ctx: SlackContext,
  client: App['client'],
  botUserId: string | undefined,
  m: IncomingMessage,
): Promise<void> {
  const dm = isDmChannel(m.channel);
  const surface: Surface = dm ? 'dm' : 'mention';
  const threadTs = dm ? m.threadTs : (m.threadTs ?? m.ts);
  const startsThread = !dm && !m.threadTs;
  const eventId = messageEventId(m.channel, m.ts);
  if (!firstDelivery(ctx, eventId, surface)) return;
  await runTurn(ctx, {
    surface,
    key: keyForMessage(m),
    event: wordsToEvent(slackTextToPlain(m.text, botUserId)),
    meta: { eventId, user: slackUser(m.team, m.user) },
    outbox: channelOutbox(client, ctx.logger, m.channel, threadTs),
    ...(startsThread ? { decorateFirst: (msg) => withNote(msg, slackCopy.dmNudge) } : {}),
  });
}

export function registerMessageHandlers(app: App, ctx: SlackContext): void {
  app.event('message', async ({ event, body, context, client }) => {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    // Plain messages from people, in DMs only: no edits, joins, bot posts or our own messages.
    if (e.subtype !== undefined || e.bot_id || !e.user || e.user === context.botUserId) return;
    if (e.channel_type !== 'im' && !isDmChannel(e.channel)) return;
    const team = eventCallbackSchema.safeParse(body).data?.team_id ?? e.team ?? context.teamId;
    if (!team) return;
    await handleMessage(ctx, client, context.botUserId, {
      team,
      channel: e.channel,
      user: e.user,
      text: e.text ?? '',
      ts: e.ts,
      ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
    });
  });

  app.event('app_mention', async ({ event, body, context, client }) => {
    const parsed = appMentionEventSchema.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    if (e.subtype !== undefined || e.bot_id || !e.user || e.user === context.botUserId) return;
    const team = eventCallbackSchema.safeParse(body).data?.team_id ?? e.team ?? context.teamId;
    if (!team) return;
    await handleMessage(ctx, client, context.botUserId, {
      team,
      channel: e.channel,
      user: e.user,
      text: e.text ?? '',
      ts: e.ts,
      ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
    });
  });
}
