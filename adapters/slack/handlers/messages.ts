/**
 * Direct messages (`message.im`) and mentions (`app_mention`). Bolt acknowledges events before
 * listeners run. A mention in a channel is answered in its thread (the first time with a nudge
 * that DMs are more private); a mention inside a DM is the same message as the DM itself.
 * Both deliveries of one message share the event id `msg:<channel>:<ts>`, and so do Slack's
 * retries, so the Bot's dedupe makes each message count once.
 */
import type { App } from '@slack/bolt';
import { isDmChannel, keyForMessage } from '../conversation-key.js';
import { slackCopy } from '../copy.js';
import { channelOutbox } from '../outbox.js';
import {
  type AppMentionEvent,
  appMentionEventSchema,
  eventCallbackSchema,
  type MessageEvent,
  messageEventSchema,
  slackTextToPlain,
} from '../parse.js';
import { withNote } from '../render-blocks.js';
import { runSlackTurn, type SlackContext, type Surface, slackMeta } from '../turn.js';

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
  await runSlackTurn(ctx, {
    surface,
    key: keyForMessage(m),
    event: { kind: 'text', text: slackTextToPlain(m.text, botUserId) },
    meta: slackMeta(ctx, client, { team: m.team, user: m.user, eventId }),
    outbox: channelOutbox(client, ctx.logger, m.channel, threadTs),
    ...(startsThread ? { decorateFirst: (msg) => withNote(msg, slackCopy.dmNudge) } : {}),
  });
}

/**
 * The message as a turn needs it, or null when it is not a plain message from a person (an edit,
 * join, bot post or our own message) or its team is unknown.
 */
function fromAPerson(
  e: MessageEvent | AppMentionEvent,
  body: unknown,
  context: { botUserId?: string; teamId?: string },
): IncomingMessage | null {
  if (e.subtype !== undefined || e.bot_id || !e.user || e.user === context.botUserId) return null;
  const team = eventCallbackSchema.safeParse(body).data?.team_id ?? e.team ?? context.teamId;
  if (!team) return null;
  return {
    team,
    channel: e.channel,
    user: e.user,
    text: e.text ?? '',
    ts: e.ts,
    ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
  };
}

export function registerMessageHandlers(app: App, ctx: SlackContext): void {
  app.event('message', async ({ event, body, context, client }) => {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) return;
    // Plain messages from people, in DMs only.
    if (parsed.data.channel_type !== 'im' && !isDmChannel(parsed.data.channel)) return;
    const m = fromAPerson(parsed.data, body, context);
    if (m) await handleMessage(ctx, client, context.botUserId, m);
  });

  app.event('app_mention', async ({ event, body, context, client }) => {
    const parsed = appMentionEventSchema.safeParse(event);
    if (!parsed.success) return;
    const m = fromAPerson(parsed.data, body, context);
    if (m) await handleMessage(ctx, client, context.botUserId, m);
  });
}
