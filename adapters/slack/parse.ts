/**
 * Zod schemas for the parts of Slack payloads the adapter reads, and the conversion of Slack
 * message text into a UserEvent. Anything that does not fit is ignored (and logged by kind only).
 */
import { z } from 'zod';

/** A `message` event (we act on plain user messages in DMs only). */
export const messageEventSchema = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  app_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  team: z.string().optional(),
});
export type MessageEvent = z.infer<typeof messageEventSchema>;

/** An `app_mention` event. */
export const appMentionEventSchema = messageEventSchema.extend({ type: z.literal('app_mention') });
export type AppMentionEvent = z.infer<typeof appMentionEventSchema>;

/** The envelope of an Events API callback (`team_id` is where the event happened). */
export const eventCallbackSchema = z.object({
  team_id: z.string().optional(),
  event_id: z.string().optional(),
});

export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
});
export type SlashCommand = z.infer<typeof slashCommandSchema>;

const selectedOptionsSchema = z.array(
  z.object({ value: z.string(), text: z.object({ text: z.string() }).optional() }),
);

export const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  channel: z.object({ id: z.string() }).nullish(),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  container: z
    .object({
      type: z.string(),
      message_ts: z.string().optional(),
      channel_id: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
      thread_ts: z.string().optional(),
    })
    .optional(),
  message: z
    .object({
      ts: z.string(),
      thread_ts: z.string().optional(),
      blocks: z.array(z.looseObject({ type: z.string() })).optional(),
    })
    .optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        block_id: z.string().optional(),
        value: z.string().optional(),
        action_ts: z.string().optional(),
        selected_options: selectedOptionsSchema.optional(),
      }),
    )
    .min(1),
  state: z
    .object({
      values: z.record(
        z.string(),
        z.record(
          z.string(),
          z.object({ type: z.string(), selected_options: selectedOptionsSchema.nullish() }),
        ),
      ),
    })
    .optional(),
});
export type BlockActions = z.infer<typeof blockActionsSchema>;

/**
 * Slack message markup to what the person typed: drop mentions of the bot, show other mentions
 * and links by their label, and undo Slack's `&amp;` `&lt;` `&gt;` escaping.
 */
export function slackTextToPlain(text: string, botUserId?: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => (id === botUserId ? '' : '@someone'))
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<#[A-Z0-9]+>/g, '#channel')
    .replace(/<![^>]*>/g, '')
    .replace(/<([^>|]+)\|([^>]*)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
