/**
 * The Home tab: `app_home_opened` (tab "home") publishes the view of home-view.ts for that user,
 * with the emergency numbers of the region their Slack locale suggests. "Start a check" opens
 * the DM with calfbot and starts (or resumes) a check there; "Forget me" sends the core `forget`
 * command for that user through the Bot, then republishes the view saying what it deleted.
 */
import type { App, webApi } from '@slack/bolt';
import { z } from 'zod';
import { describeError } from '../../shared/errors.js';
import { dmKey, slackUser } from '../conversation-key.js';
import { type Care, HOME_ACTION, renderHome } from '../home-view.js';
import { channelOutbox } from '../outbox.js';
import { runSlackTurn, type SlackContext, slackMeta } from '../turn.js';

/** What the Home tab needs beyond the turn context. */
export interface HomeSettings {
  care?: Care;
  /** The configured EMERGENCY_REGION, as a care region code (none when it names none). */
  defaultRegion?: string;
  ttlHours: number;
}

const homeOpenedSchema = z.object({
  type: z.literal('app_home_opened'),
  user: z.string().min(1),
  tab: z.string().optional(),
});

const homeClickSchema = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  trigger_id: z.string().optional(),
  actions: z.array(z.object({ action_id: z.string(), action_ts: z.string().optional() })).min(1),
});

/** The EMERGENCY_REGION as a care region: a region code, or a country one region serves. */
export function careRegion(care: Care | undefined, configured: string): string | undefined {
  if (!care) return undefined;
  if (Object.hasOwn(care.regions, configured)) return configured;
  return Object.entries(care.regions).find(([, r]) => r.countries?.includes(configured))?.[0];
}

export function registerHome(app: App, ctx: SlackContext, settings: HomeSettings): void {
  const publish = async (client: webApi.WebClient, team: string, user: string, notice?: string) => {
    const hint = await ctx.locales.regionOf(client, team, user);
    const region = hint?.code ?? settings.defaultRegion;
    const view = renderHome({
      ...(settings.care ? { care: settings.care } : {}),
      ...(region ? { region } : {}),
      ttlHours: settings.ttlHours,
      ...(notice ? { notice } : {}),
    });
    try {
      await client.views.publish({ user_id: user, view });
    } catch (error) {
      ctx.logger.warn(
        { event: 'slack_api_failed', ...describeError(error), method: 'views.publish' },
        'could not publish the Home tab',
      );
    }
  };

  app.event('app_home_opened', async ({ event, body, context, client }) => {
    const e = homeOpenedSchema.safeParse(event);
    const team = (body as { team_id?: string }).team_id ?? context.teamId;
    if (!e.success || e.data.tab !== 'home' || !team) return;
    await publish(client, team, e.data.user);
  });

  app.action(HOME_ACTION.start, async ({ ack, body, client, context }) => {
    await ack();
    const click = homeClick(body, context.teamId);
    if (!click) return;
    const { team, user, stamp } = click;
    let channel: string | undefined;
    try {
      channel = (await client.conversations.open({ users: user })).channel?.id;
    } catch (error) {
      ctx.logger.warn(
        { event: 'slack_api_failed', ...describeError(error), method: 'conversations.open' },
        'could not open the DM',
      );
    }
    if (!channel) return;
    const eventId = `home:${stamp}:start`;
    await runSlackTurn(ctx, {
      surface: 'home',
      key: dmKey(team, channel),
      event: { kind: 'command', command: 'start' },
      meta: slackMeta(ctx, client, { team, user, eventId }),
      outbox: channelOutbox(client, ctx.logger, channel),
    });
  });

  app.action(HOME_ACTION.forget, async ({ ack, body, client, context }) => {
    await ack();
    const click = homeClick(body, context.teamId);
    if (!click) return;
    const { team, user, stamp } = click;
    const eventId = `home:${stamp}:forget`;
    try {
      // The Home tab is no conversation: the key names none, and forget deletes all of the user's.
      const outcome = await ctx.bot.handle(
        `slack:${team}:home:${user}`,
        { kind: 'command', command: 'forget' },
        { eventId, user: slackUser(team, user) },
      );
      const said = outcome.replies.find((r) => r.kind === 'text');
      ctx.logger.info({ event: 'slack_turn', surface: 'home', outcome: outcome.outcome }, 'slack turn done');
      await publish(client, team, user, said?.kind === 'text' ? said.text : undefined);
    } catch (error) {
      ctx.logger.error(
        { event: 'slack_turn_failed', surface: 'home', err: describeError(error) },
        'forget failed',
      );
      await publish(
        client,
        team,
        user,
        'Sorry, that did not work. Please try again, or type forget in a DM.',
      );
    }
  });
}

/** Who clicked a Home tab button, in which workspace, and the click's own stamp (for dedupe). */
function homeClick(
  body: unknown,
  contextTeam: string | undefined,
): { team: string; user: string; stamp: string } | null {
  const c = homeClickSchema.safeParse(body);
  const team = c.data?.team?.id ?? c.data?.user.team_id ?? contextTeam;
  if (!c.success || !team) return null;
  return { team, user: c.data.user.id, stamp: c.data.actions[0]!.action_ts ?? c.data.trigger_id ?? '' };
}
