/**
 * Button and select-menu clicks. A click answers the question its custom id names; a click from
 * an earlier conversation, a double click and an answer to a question that is no longer pending
 * change nothing and say so. Once a question is answered its message is edited so its buttons
 * cannot be pressed again.
 */
import { type ButtonInteraction, MessageFlags, type StringSelectMenuInteraction } from 'discord.js';
import { z } from 'zod';
import type { UserEvent } from '../../../src/vocabulary.js';
import type { ConversationStatus } from '../conversation-status.js';
import { tryConversationStatus } from '../conversation-status.js';
import { discordCopy } from '../copy.js';
import { type CustomId, decodeCustomId } from '../custom-id.js';
import { LIMITS } from '../limits.js';
import { describeModal } from '../modal.js';
import { type OutgoingMessage, renderReplies, renderSpent } from '../render.js';
import { type HandlerDeps, whereOf } from './deps.js';
import { type InteractionPlan, respond } from './respond.js';

type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction;

const selectedSchema = z.array(z.string().min(1).max(LIMITS.selectOptionValue)).max(LIMITS.selectOptions);

const textMessage = (content: string): OutgoingMessage => ({ content, embeds: [], components: [] });

export async function onComponent(i: ComponentInteraction, deps: HandlerDeps): Promise<void> {
  const where = whereOf(i);
  const id = decodeCustomId(i.customId);
  if (!id || id.verb === 'modal' || (id.verb === 'select') !== i.isStringSelectMenu()) {
    await i.reply({ content: discordCopy.unknownComponent, flags: MessageFlags.Ephemeral });
    return;
  }
  if (id.verb === 'describe') {
    // A modal must be the first response: nothing slow may happen before it.
    await i.showModal(describeModal(id.question, id.epoch));
    return;
  }
  await respond(i, componentPlan(i, id, deps), { ackBudgetMs: deps.ackBudgetMs, flags: where.flags });
}

function eventFor(id: CustomId, i: ComponentInteraction): UserEvent {
  const question = id.question ?? '';
  switch (id.verb) {
    case 'yes':
    case 'no':
      return { kind: 'answer', question, choice: id.verb };
    case 'unsure':
      return { kind: 'answer', question, choice: 'unsure' };
    case 'none':
      return { kind: 'select', question, selected: [] };
    case 'select':
      return {
        kind: 'select',
        question,
        selected: i.isStringSelectMenu() ? selectedSchema.parse(i.values) : [],
      };
    case 'why':
      return { kind: 'command', command: 'why' };
    default:
      return { kind: 'command', command: 'restart' };
  }
}

/** What the user picked, in words, for the note on the spent message. */
function answerLabel(id: CustomId, i: ComponentInteraction): string {
  if (id.verb === 'yes') return discordCopy.yes;
  if (id.verb === 'no') return discordCopy.no;
  if (id.verb === 'unsure') return discordCopy.unsure;
  if (id.verb === 'none' || !i.isStringSelectMenu()) return discordCopy.none;
  const options = (i.component as { options?: Array<{ label: string; value: string }> }).options ?? [];
  return i.values.map((v) => options.find((o) => o.value === v)?.label ?? v).join(', ');
}

/** A click whose conversation is gone or was replaced: nothing to do but say so. */
function staleConversation(before: ConversationStatus | null | undefined, id: CustomId): boolean {
  if (id.verb === 'restart' || before === undefined) return false;
  return before === null || before.epoch !== id.epoch;
}

async function componentPlan(
  i: ComponentInteraction,
  id: CustomId,
  deps: HandlerDeps,
): Promise<InteractionPlan> {
  const where = whereOf(i);
  const store = deps.bot.store;
  const before = await tryConversationStatus(store, where.key);
  if (staleConversation(before, id)) {
    return {
      update: renderSpent(i.message.content, discordCopy.noLongerActive),
      messages: [textMessage(before === null ? discordCopy.noConversation : discordCopy.staleConversation)],
    };
  }
  // A double click is the same message and the same component: the Bot sees the same event id.
  const eventId = id.verb === 'why' ? i.id : `${i.message.id}:${i.customId}`;
  const result = await deps.bot.handleDetailed(where.key, eventFor(id, i), { eventId, user: where.user });
  if (result.duplicate && id.verb !== 'why') return { messages: [textMessage(discordCopy.alreadyAnswered)] };

  const after = await tryConversationStatus(store, where.key);
  const messages = renderReplies(result.replies, { epoch: after?.epoch ?? '0', surface: where.surface });
  if (messages.length === 0) messages.push(textMessage(discordCopy.alreadyAnswered));
  // Only retire buttons when we know what happened (the store could be read before and after).
  if (id.verb === 'why' || before === undefined || after === undefined) return { messages };
  if (id.verb === 'restart')
    return { update: renderSpent(i.message.content, discordCopy.choseRestart), messages };
  if (before?.pending !== id.question) {
    // Answered earlier (for example by typing in the DM): the Bot said so; retire the buttons.
    return { update: renderSpent(i.message.content, discordCopy.noLongerActive), messages };
  }
  if (after?.pending === id.question) return { messages }; // still waiting for an answer
  return { update: renderSpent(i.message.content, discordCopy.answered(answerLabel(id, i))), messages };
}
