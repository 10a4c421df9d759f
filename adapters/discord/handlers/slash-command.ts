/** `/calves [question] [action]`: start or continue the conversation in this channel (or DM). */
import type { ChatInputCommandInteraction } from 'discord.js';
import { z } from 'zod';
import type { Reply, UserEvent } from '../../../src/conversation/types.js';
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
    const event = slashEvent(question, action) ?? (await bareCalvesEvent(deps, where.key));
    const result = await deps.bot.handleDetailed(where.key, event, { eventId: i.id, user: where.user });
    const preface: Reply[] = action && question ? [{ kind: 'text', text: discordCopy.questionIgnored }] : [];
    const status = await tryConversationStatus(deps.bot.store, where.key);
    return {
      messages: renderReplies([...preface, ...result.replies], {
        epoch: status?.epoch ?? '0',
        surface: where.surface,
      }),
    };
  })();
  await respond(i, plan, { ackBudgetMs: deps.ackBudgetMs, flags: where.flags });
}

/**
 * A bare `/calves`: start a conversation when there is none (or the last one is finished), or pick
 * up the one in progress.
 */
async function bareCalvesEvent(deps: HandlerDeps, key: string): Promise<UserEvent> {
  const status = await tryConversationStatus(deps.bot.store, key);
  if (status?.pending) return { kind: 'command', command: 'help' };
  return { kind: 'command', command: 'restart' };
}
