/**
 * `/calves [question] [action]`: start or continue the conversation in this channel (or DM).
 * A bare `/calves` is the core's `start` (resume the check in progress, or begin one).
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { z } from 'zod';
import type { Reply, UserEvent } from '../../../src/vocabulary.js';
import { ACTION_OPTION, ACTIONS, QUESTION_OPTION } from '../commands.js';
import { discordCopy } from '../copy.js';
import { renderReplies } from '../render.js';
import type { HandlerDeps } from './deps.js';
import { whereOf } from './deps.js';
import { interactionTurn, renderContext } from './interaction-turn.js';

const actionSchema = z.enum(Object.keys(ACTIONS) as [keyof typeof ACTIONS, ...(keyof typeof ACTIONS)[]]);

/** What a `/calves` invocation means for the conversation. */
export function slashEvent(question: string | null, action: keyof typeof ACTIONS | null): UserEvent {
  if (action) return { kind: 'command', command: ACTIONS[action] };
  if (question) return { kind: 'text', text: question };
  return { kind: 'command', command: 'start' };
}

export async function onSlashCommand(i: ChatInputCommandInteraction, deps: HandlerDeps): Promise<void> {
  const where = whereOf(i);
  const question = i.options.getString(QUESTION_OPTION)?.trim() || null;
  const parsedAction = actionSchema.safeParse(i.options.getString(ACTION_OPTION));
  const action = parsedAction.success ? parsedAction.data : null;
  const event = slashEvent(question, action);
  await interactionTurn(i, deps, where, { event, eventId: i.id }, (outcome) => {
    // The same interaction delivered again (an HTTP replay): its turn ran once.
    if (outcome.outcome === 'duplicate')
      return { messages: [{ content: discordCopy.alreadyHandled, embeds: [], components: [] }] };
    const preface: Reply[] = action && question ? [{ kind: 'text', text: discordCopy.questionIgnored }] : [];
    return { messages: renderReplies([...preface, ...outcome.replies], renderContext(outcome, where)) };
  });
}
