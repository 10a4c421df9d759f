/**
 * `app_uninstalled` and `tokens_revoked` (of the bot token): that workspace's installation (its
 * sealed token, in OAuth install mode) and every conversation its people had are deleted, and
 * its cached locales dropped. Logged by team id only.
 */
import type { App } from '@slack/bolt';
import type { Bot } from '../../../src/bot.js';
import { describeError } from '../../shared/errors.js';
import type { SlackContext } from '../turn.js';

export interface UninstallDeps {
  /** OAuth install mode: delete the workspace's installation. */
  deleteInstallation?: (q: { teamId?: string; enterpriseId?: string }) => Promise<void>;
}

export function registerUninstall(app: App, ctx: SlackContext, deps: UninstallDeps): void {
  const forgetOwners = (ctx.bot as Partial<Pick<Bot, 'forgetOwners'>>).forgetOwners?.bind(ctx.bot);
  const remove = async (why: string, body: unknown, contextTeam: string | undefined) => {
    const b = body as { team_id?: string; enterprise_id?: string };
    const team = b.team_id ?? contextTeam;
    if (!team) return;
    try {
      await deps.deleteInstallation?.({
        teamId: team,
        ...(b.enterprise_id ? { enterpriseId: b.enterprise_id } : {}),
      });
      const removed = (await forgetOwners?.(`slack:${team}:`)) ?? 0;
      ctx.locales.clear(team);
      ctx.logger.info({ event: 'slack_uninstalled', why, team, removed }, 'workspace data deleted');
    } catch (error) {
      ctx.logger.error(
        { event: 'slack_uninstall_failed', why, team, ...describeError(error) },
        'uninstall failed',
      );
    }
  };
  app.event('app_uninstalled', async ({ body, context }) => remove('app_uninstalled', body, context.teamId));
  app.event('tokens_revoked', async ({ event, body, context }) => {
    // Only the bot token matters: revoking a user token leaves the app installed.
    if ((event.tokens.bot ?? []).length === 0) return;
    await remove('tokens_revoked', body, context.teamId);
  });
}
