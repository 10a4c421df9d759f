/** Every interaction gets exactly one handler and, whatever happens, an answer. */
import { type Interaction, MessageFlags } from 'discord.js';
import { COMMAND_NAME } from '../commands.js';
import { discordCopy } from '../copy.js';
import { onComponent } from './component.js';
import type { HandlerDeps } from './deps.js';
import { onModalSubmit } from './modal-submit.js';
import { reportFailure } from './report-failure.js';
import { onSlashCommand } from './slash-command.js';

export async function routeInteraction(i: Interaction, deps: HandlerDeps): Promise<void> {
  if (i.isAutocomplete()) return; // we register no autocomplete options
  const started = Date.now();
  try {
    if (i.isChatInputCommand() && i.commandName === COMMAND_NAME) await onSlashCommand(i, deps);
    else if (i.isButton() || i.isStringSelectMenu()) await onComponent(i, deps);
    else if (i.isModalSubmit()) await onModalSubmit(i, deps);
    else if (i.isRepliable()) {
      const content = i.isCommand() ? discordCopy.unknownCommand : discordCopy.unknownComponent;
      await i.reply({ content, flags: MessageFlags.Ephemeral });
    }
    deps.logger.info(
      { event: 'discord_interaction', interaction: i.id, type: i.type, ms: Date.now() - started },
      'interaction handled',
    );
  } catch (error) {
    if (i.isChatInputCommand() || i.isMessageComponent() || i.isModalSubmit())
      await reportFailure(i, error, deps.logger);
    else deps.logger.error({ event: 'discord_interaction_failed', interaction: i.id }, 'interaction failed');
  }
}
