/**
 * When handling an interaction fails, tell the user in an ephemeral message (never leave Discord
 * to show "This interaction failed") and log what failed, without tokens or message text.
 */
import { MessageFlags } from 'discord.js';
import type { Logger } from '../../../src/log.js';
import { describeError, failureText } from '../../shared/errors.js';
import { discordCopy } from '../copy.js';
import { deferStyle, type RespondableInteraction } from './respond.js';

export async function reportFailure(
  i: RespondableInteraction,
  error: unknown,
  logger: Logger,
): Promise<void> {
  logger.error(
    { event: 'discord_interaction_failed', interaction: i.id, type: i.type, err: describeError(error) },
    'handling a Discord interaction failed',
  );
  const content = failureText(error, {
    expired: discordCopy.tokenExpired,
    other: discordCopy.somethingWentWrong,
  });
  try {
    if (i.deferred && !i.replied && deferStyle(i) === 'reply') {
      await i.editReply({ content, embeds: [], components: [] });
    } else if (i.deferred || i.replied) {
      await i.followUp({ content, flags: MessageFlags.Ephemeral });
    } else {
      await i.reply({ content, flags: MessageFlags.Ephemeral });
    }
    logger.info(
      { event: 'discord_failure_reported', interaction: i.id },
      'told the user something went wrong',
    );
  } catch (reportError) {
    logger.error(
      { event: 'discord_failure_report_failed', interaction: i.id, err: describeError(reportError) },
      'could not tell the user about a failure',
    );
  }
}
