/**
 * `calfbot register-commands`: PUT the command list to one guild (DISCORD_GUILD_ID set: shows up
 * at once, for development) or globally (every server and DMs). A PUT replaces the whole list,
 * so running it again is safe. `--clear-guild` PUTs an empty list to DISCORD_GUILD_ID: the
 * development copy goes away once the global command is live (else the server shows /calves twice).
 */
import { Routes } from 'discord.js';
import type { Config } from '../../src/config.js';
import { CalfbotError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { describeError } from '../shared/errors.js';
import { createRest, type RestTuning } from './client.js';
import { globalCommands, guildCommands } from './commands.js';
import { inviteUrl, userInstallUrl } from './invite-url.js';
import { discordToken } from './token.js';

export interface RegisterCommandsOptions {
  config: Config;
  logger: Logger;
  print: (line: string) => void;
  rest?: RestTuning;
  /** Delete calfbot's commands from DISCORD_GUILD_ID instead of registering them. */
  clearGuild?: boolean;
}

export async function registerCommands({
  config,
  logger,
  print,
  rest: tuning,
  clearGuild = false,
}: RegisterCommandsOptions): Promise<void> {
  const token = discordToken(config);
  const app = config.DISCORD_APPLICATION_ID;
  if (!app) {
    throw new CalfbotError(
      'CONFIG_INVALID',
      'DISCORD_APPLICATION_ID is missing: copy the Application ID from the Discord Developer Portal (General Information). See docs/discord.md.',
    );
  }
  const guild = config.DISCORD_GUILD_ID;
  if (clearGuild) {
    if (!guild) {
      throw new CalfbotError(
        'CONFIG_INVALID',
        '--clear-guild needs DISCORD_GUILD_ID: the ID of the server whose copy of /calves to delete. See docs/discord.md.',
      );
    }
    print(`Deleting calfbot's commands from guild ${guild} (application ${app})...`);
    await put(config, token, tuning, logger, Routes.applicationGuildCommands(app, guild), [], guild);
    logger.info({ event: 'discord_commands_cleared', scope: 'guild' }, 'guild commands deleted');
    print(
      `Done: guild ${guild} has no calfbot commands of its own now. The global /calves (if registered) is not touched.`,
    );
    return;
  }
  const body = guild ? guildCommands() : globalCommands();
  const names = body.map((c) => `/${c.name}`).join(', ');
  const where = guild ? `guild ${guild}` : 'globally';
  print(
    `Registering ${body.length} command${body.length === 1 ? '' : 's'} (${names}) for application ${app} ${where}...`,
  );
  const route = guild ? Routes.applicationGuildCommands(app, guild) : Routes.applicationCommands(app);
  const saved = await put(config, token, tuning, logger, route, body, guild);
  const count = Array.isArray(saved) ? saved.length : body.length;
  logger.info(
    { event: 'discord_commands_registered', scope: guild ? 'guild' : 'global', count },
    'commands registered',
  );
  print(
    guild
      ? `Done: ${count} command${count === 1 ? '' : 's'} registered in guild ${guild}; they work there right away. Unset DISCORD_GUILD_ID to register globally.`
      : `Done: ${count} command${count === 1 ? '' : 's'} registered globally; Discord may take a few minutes to show them everywhere.`,
  );
  print(`Add it to a server with: ${inviteUrl(app)}`);
  if (!guild) print(`Or add /calves to your own account (any server or DM) with: ${userInstallUrl(app)}`);
}

/** PUT a command list; a refusal becomes one clear CalfbotError. */
async function put(
  config: Config,
  token: string,
  tuning: RestTuning | undefined,
  logger: Logger,
  route: `/${string}`,
  body: unknown[],
  guild: string | undefined,
): Promise<unknown> {
  try {
    return await createRest(config, token, tuning).put(route, { body });
  } catch (error) {
    const summary = describeError(error);
    logger.error({ event: 'discord_register_failed', err: summary }, 'registering commands failed');
    throw new CalfbotError(
      'PLATFORM_ERROR',
      `Discord refused the commands (${summary.status ?? summary.name}${summary.message ? `: ${summary.message}` : ''}). Check DISCORD_TOKEN and DISCORD_APPLICATION_ID${guild ? ', and that the bot is in guild DISCORD_GUILD_ID' : ''}.`,
      { cause: error },
    );
  }
}
