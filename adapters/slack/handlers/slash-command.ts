/**
 * `/calves [text]`: acknowledged at once with an empty body, then the turn's replies come back
 * as ephemeral messages through the command's response_url. `/calves help`, `/calves restart`,
 * `/calves forget` (and back, why) are commands; anything else is what the person said.
 */
import type { App } from '@slack/bolt';
import { keyForCommand } from '../conversation-key.js';
import { slackCommandName } from '../manifest-values.js';
import { responseUrlOutbox } from '../outbox.js';
import { slackTextToPlain, slashCommandSchema } from '../parse.js';
import { runSlackTurn, type SlackContext, slackMeta } from '../turn.js';

export function registerSlashCommand(app: App, ctx: SlackContext): void {
  app.command(slackCommandName, async ({ ack, command, respond, context, client }) => {
    await ack();
    const parsed = slashCommandSchema.safeParse(command);
    if (!parsed.success) {
      ctx.logger.warn(
        { event: 'slack_bad_payload', surface: 'command' },
        'slash command payload did not parse',
      );
      return;
    }
    const c = parsed.data;
    const eventId = `cmd:${c.trigger_id}`;
    await runSlackTurn(ctx, {
      surface: 'command',
      key: keyForCommand({ team: c.team_id, channel: c.channel_id, user: c.user_id }),
      event: { kind: 'text', text: slackTextToPlain(c.text, context.botUserId) },
      meta: slackMeta(ctx, client, { team: c.team_id, user: c.user_id, eventId }),
      outbox: responseUrlOutbox(respond, ctx.logger),
    });
  });
}
