/**
 * The slash command we register. One command, `/calves`, so a bare `/calves` works; the optional
 * `question` takes free text, the optional `action` offers help, start over, go back and forget as
 * choices (subcommands would make a bare `/calves` impossible to send).
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command } from '../../src/vocabulary.js';

export const COMMAND_NAME = 'calves';
export const QUESTION_OPTION = 'question';
export const ACTION_OPTION = 'action';

/** The `action` choices and the conversation command each one sends. */
export const ACTIONS = {
  help: 'help',
  restart: 'restart',
  back: 'back',
  forget: 'forget',
} as const satisfies Record<string, Command>;
export type Action = keyof typeof ACTIONS;

export const calvesCommand: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: COMMAND_NAME,
  description: 'Talk through sore or cramping calves. Only you see the replies.',
  // Installed to a server by an admin, or to a person's own account (then usable in any server,
  // DM or group DM, bot or no bot: replies are ephemeral wherever others can read).
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: QUESTION_OPTION,
      description: 'What is going on, in your own words (optional)',
      required: false,
      max_length: 2000,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: ACTION_OPTION,
      description: 'Or instead: get help, start over, change your last answer, or delete your data',
      required: false,
      choices: [
        { name: 'Help: how this works', value: ACTIONS.help },
        { name: 'Start over', value: ACTIONS.restart },
        { name: 'Go back: change my last answer', value: ACTIONS.back },
        { name: 'Forget me: delete everything stored about me', value: ACTIONS.forget },
      ],
    },
  ],
};

/** Every command calfbot registers, as global commands. */
export const globalCommands = (): RESTPostAPIChatInputApplicationCommandsJSONBody[] => [calvesCommand];

/** The same commands for one guild (guild commands take no `contexts` / `integration_types`). */
export const guildCommands = (): RESTPostAPIChatInputApplicationCommandsJSONBody[] =>
  globalCommands().map(({ contexts: _c, integration_types: _i, ...rest }) => rest);
