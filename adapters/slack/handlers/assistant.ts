/**
 * The assistant pane (Slack's split view for assistant apps) through Bolt's `Assistant`:
 * suggested prompts when a thread opens, a status line while a turn runs, and the thread title
 * set to the advice level once assessed. Each assistant thread is its own conversation (keyed by
 * its thread_ts). Nothing is said on `assistant_thread_started`: the first message of a thread
 * starts a new conversation, which greets, so a thread opened without that event (bolt-js #2802,
 * threads opened with "+") greets just the same and no thread is greeted twice. Workspaces
 * without the feature never send these events; their DMs go to messages.ts as before.
 */
import { type App, Assistant, type webApi } from '@slack/bolt';
import type { TurnOutcome } from '../../../src/turn-outcome.js';
import { describeError } from '../../shared/errors.js';
import { threadKey } from '../conversation-key.js';
import { slackCopy } from '../copy.js';
import { channelOutbox } from '../outbox.js';
import { eventCallbackSchema, messageEventSchema, slackTextToPlain } from '../parse.js';
import { runSlackTurn, type SlackContext, slackMeta } from '../turn.js';
import { messageEventId } from './messages.js';

/** The advice level of the turn's assessment, if it gave one. */
const assessedLevel = (outcome: TurnOutcome | null) =>
  outcome?.replies.find((r) => r.kind === 'assessment')?.triage;

/**
 * The status line and title of one assistant thread around a turn (Bolt's helpers are only
 * given to its listeners; a click comes through the actions handler). A refusal (the thread is
 * a plain DM thread, not the pane) is logged by code and changes nothing.
 */
export function assistantPane(
  ctx: SlackContext,
  client: webApi.WebClient,
  channel: string,
  threadTs: string,
) {
  const failed = (method: string) => (error: unknown) => {
    ctx.logger.warn({ event: 'slack_api_failed', ...describeError(error), method }, 'assistant call failed');
  };
  const status = (text: string) =>
    client.assistant.threads
      .setStatus({ channel_id: channel, thread_ts: threadTs, status: text })
      .then(() => undefined, failed('assistant.threads.setStatus'));
  return {
    working: () => status(slackCopy.working),
    async done(outcome: TurnOutcome | null) {
      const level = assessedLevel(outcome);
      if (level)
        await client.assistant.threads
          .setTitle({ channel_id: channel, thread_ts: threadTs, title: slackCopy.threadTitle[level] })
          .then(() => undefined, failed('assistant.threads.setTitle'));
      // A reply clears the status; a turn that may have posted nothing clears it here.
      if (!outcome || outcome.outcome === 'duplicate' || outcome.quiet || isStale(outcome)) await status('');
    },
  };
}

const isStale = (o: TurnOutcome) =>
  o.target !== undefined &&
  o.target.fate !== 'open' &&
  o.target.fate !== 'answered' &&
  o.target.fate !== 'news';

export function registerAssistant(app: App, ctx: SlackContext): void {
  const failed = (method: string) => (error: unknown) => {
    ctx.logger.warn({ event: 'slack_api_failed', ...describeError(error), method }, 'assistant call failed');
  };
  const assistant = new Assistant({
    threadStarted: async ({ setSuggestedPrompts }) => {
      await setSuggestedPrompts({
        title: slackCopy.suggestedPromptsTitle,
        prompts: slackCopy.suggestedPrompts.map((p) => ({ title: p, message: p })),
      }).catch(failed('assistant.threads.setSuggestedPrompts'));
    },
    // calfbot keeps no channel context: without this Bolt would re-save it with extra API calls.
    threadContextChanged: async () => {},
    userMessage: async ({ message, body, context, client, setStatus, setTitle }) => {
      const parsed = messageEventSchema.safeParse(message);
      if (!parsed.success) return;
      const e = parsed.data;
      if (e.subtype !== undefined || e.bot_id || !e.user || e.user === context.botUserId || !e.thread_ts)
        return;
      const team = eventCallbackSchema.safeParse(body).data?.team_id ?? e.team ?? context.teamId;
      if (!team) return;
      await setStatus(slackCopy.working).catch(failed('assistant.threads.setStatus'));
      const eventId = messageEventId(e.channel, e.ts);
      const outcome = await runSlackTurn(ctx, {
        surface: 'assistant',
        key: threadKey(team, e.channel, e.thread_ts),
        event: { kind: 'text', text: slackTextToPlain(e.text ?? '', context.botUserId) },
        meta: slackMeta(ctx, client, { team, user: e.user, eventId }),
        outbox: channelOutbox(client, ctx.logger, e.channel, e.thread_ts),
      });
      const level = assessedLevel(outcome);
      if (level) await setTitle(slackCopy.threadTitle[level]).catch(failed('assistant.threads.setTitle'));
      // A reply clears the status; a turn that posted nothing (a duplicate) clears it here.
      if (!outcome || outcome.outcome === 'duplicate' || outcome.quiet)
        await setStatus('').catch(failed('assistant.threads.setStatus'));
    },
  });
  app.assistant(assistant);
}
