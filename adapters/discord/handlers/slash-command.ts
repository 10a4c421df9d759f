/** `/calves [question] [action]`: start or continue the conversation in this channel (or DM). */
import type { ChatInputCommandInteraction } from 'discord.js';
import { z } from 'zod';
import { copy } from '../../../src/conversation/copy.js';
import type { Reply, UserEvent } from '../../../src/vocabulary.js';
import { ACTION_OPTION, ACTIONS, QUESTION_OPTION } from '../commands.js';
import { tryConversationStatus } from '../conversation-status.js';
import { discordCopy } from '../copy.js';
import { renderReplies } from '../render.js';
import type { HandlerDeps } from './deps.js';
import { whereOf } from './deps.js';
import { type InteractionPlan, respond } from './respond.js';

const actionSchema = z.enum(Object.keys(ACTIONS) as [keyof typeof ACTIONS, ...(keyof typeof ACTIONS)[]]);

/** What a `/calves` invocation means for the conversation. */
export function slashEvent(question: string | null, action: keyof typeof ACTIONS | null): UserEvent | null {
  if (action) return { kind: 'command', command: ACTIONS[action] };
  if (question) return { kind: 'text', text: question };
  return null;
}

export async function onSlashCommand(i: ChatInputCommandInteraction, deps: HandlerDeps): Promise<void> {
  const where = whereOf(i);
  const question = i.options.getString(QUESTION_OPTION)?.trim() || null;
  const parsedAction = actionSchema.safeParse(i.options.getString(ACTION_OPTION));
  const action = parsedAction.success ? parsedAction.data : null;

  const plan = (async (): Promise<InteractionPlan> => {
    const explicit = slashEvent(question, action);
    const bare = explicit ? null : await bareCalves(deps, where.key);
    const event = explicit ?? bare!.event;
    const result = await deps.bot.handleDetailed(where.key, event, { eventId: i.id, user: where.user });
    const preface: Reply[] = action && question ? [{ kind: 'text', text: discordCopy.questionIgnored }] : [];
    const replies = bare ? bare.adjust(result.replies) : result.replies;
    const status = await tryConversationStatus(deps.bot.store, where.key);
    return {
      messages: renderReplies([...preface, ...replies], {
        epoch: status?.epoch ?? '0',
        surface: where.surface,
      }),
    };
  })();
  await respond(i, plan, { ackBudgetMs: deps.ackBudgetMs, flags: where.flags });
}

/**
 * A bare `/calves`: greet and start when there is no conversation yet; start a new check after a
 * finished one; with a question waiting, show help and the question again, with live buttons
 * (the core's help repeats it: ephemeral messages vanish when Discord reloads, so this is how a
 * person gets their question back).
 */
async function bareCalves(
  deps: HandlerDeps,
  key: string,
): Promise<{ event: UserEvent; adjust: (replies: Reply[]) => Reply[] }> {
  const status = await tryConversationStatus(deps.bot.store, key);
  if (status?.pending) {
    return {
      event: { kind: 'command', command: 'help' },
      adjust: (replies) => {
        const at = replies.findIndex((r) => r.kind === 'question');
        if (at < 0) return replies; // e.g. the store could not be read: the Bot said so
        const note: Reply = { kind: 'text', text: discordCopy.checkInProgress };
        return [...replies.slice(0, at), note, ...replies.slice(at)];
      },
    };
  }
  const fresh = !status || status.phase === 'new';
  return {
    event: { kind: 'command', command: 'restart' },
    // Nothing to start over from: greet instead of "OK, let's start over".
    adjust: (replies) =>
      fresh
        ? replies.map((r) =>
            r.kind === 'text' && r.text === copy.restarted ? { ...r, text: copy.greeting } : r,
          )
        : replies,
  };
}
