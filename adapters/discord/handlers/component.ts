/**
 * Button and select-menu clicks. A click answers the question its custom id names; a click from
 * an earlier conversation, a double click and an answer to a question that is no longer pending
 * change nothing and say so (the TurnOutcome tells which). Once a question is answered its
 * message is edited so its buttons cannot be pressed again.
 */
import { type ButtonInteraction, MessageFlags, type StringSelectMenuInteraction } from 'discord.js';
import { z } from 'zod';
import type { TurnOutcome } from '../../../src/turn-outcome.js';
import type { UserEvent } from '../../../src/vocabulary.js';
import { answerLabel } from '../../shared/labels.js';
import { checklistModal, menuOptions } from '../checklist.js';
import { discordCopy } from '../copy.js';
import { type CustomId, decodeCustomId, epochOf } from '../custom-id.js';
import { LIMITS } from '../limits.js';
import { describeModal } from '../modal.js';
import { type OutgoingMessage, renderReplies, renderSpent } from '../render.js';
import { type HandlerDeps, type InteractionWhere, whereOf } from './deps.js';
import { interactionTurn, renderContext } from './interaction-turn.js';
import type { InteractionPlan } from './respond.js';

type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction;

const selectedSchema = z.array(z.string().min(1).max(LIMITS.selectOptionValue)).max(LIMITS.selectOptions);

const textMessage = (content: string): OutgoingMessage => ({ content, embeds: [], components: [] });

export async function onComponent(i: ComponentInteraction, deps: HandlerDeps): Promise<void> {
  const where = whereOf(i);
  const id = decodeCustomId(i.customId);
  if (
    !id ||
    id.verb === 'modal' ||
    id.verb === 'ticked' ||
    (id.verb === 'select') !== i.isStringSelectMenu()
  ) {
    await i.reply({ content: discordCopy.unknownComponent, flags: MessageFlags.Ephemeral });
    return;
  }
  if (id.verb === 'describe') {
    // A modal must be the first response: nothing slow may happen before it.
    await i.showModal(describeModal(id.question, id.epoch));
    return;
  }
  if (id.verb === 'checklist') {
    // A cached Message has component objects; a raw one (HTTP mode, a server the bot is not in) JSON.
    const rows = (i.message.components as unknown[]).map((c) =>
      typeof (c as { toJSON?: unknown }).toJSON === 'function' ? (c as { toJSON(): unknown }).toJSON() : c,
    );
    const options = menuOptions(rows, id.question);
    if (!options || id.question === null) {
      await i.reply({ content: discordCopy.unknownComponent, flags: MessageFlags.Ephemeral });
      return;
    }
    const text = (i.message.content.split('\n\n').at(-1) ?? '').replace(/^\*\*|\*\*$/g, '');
    await i.showModal(checklistModal(id.question, id.epoch, text, options));
    return;
  }
  // A double click is the same message and the same component: the Bot sees the same event id.
  const eventId = id.verb === 'why' ? i.id : `${i.message.id}:${i.customId}`;
  await interactionTurn(i, deps, where, { event: eventFor(id, i), eventId }, (outcome) =>
    componentPlan(i.message.content, id, outcome, where),
  );
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
      return { kind: 'command', command: 'why', ...(id.question ? { question: id.question } : {}) };
    default:
      return { kind: 'command', command: 'restart', ...(id.question ? { question: id.question } : {}) };
  }
}

/** A click whose conversation is gone or was replaced: nothing to do but say so. */
function staleConversation(outcome: TurnOutcome, id: CustomId): string | null {
  // A warning sign ticked on an old question (even of an earlier check) was taken as news.
  if (id.verb === 'restart' || outcome.outcome !== 'ok' || outcome.target?.fate === 'news') return null;
  if (outcome.target?.fate === 'gone' || !outcome.conversation) return discordCopy.noConversation;
  return epochOf(outcome.conversation.startedAt) !== id.epoch ? discordCopy.staleConversation : null;
}

/** What to show after a click (or a checklist form sent from the question's message). */
export function componentPlan(
  content: string,
  id: CustomId,
  outcome: TurnOutcome,
  where: InteractionWhere,
): InteractionPlan {
  const stale = staleConversation(outcome, id);
  if (stale) {
    return {
      update: renderSpent(content, discordCopy.noLongerActive),
      messages: [textMessage(stale)],
    };
  }
  if (outcome.outcome === 'duplicate' && id.verb !== 'why')
    return { messages: [textMessage(discordCopy.alreadyAnswered)] };
  const messages = renderReplies(outcome.replies, renderContext(outcome, where));
  if (messages.length === 0) messages.push(textMessage(discordCopy.alreadyAnswered));
  // Only retire buttons when the turn reached the conversation (not refused, store not down).
  const target = outcome.target;
  if (id.verb === 'why' || !outcome.conversation) return { messages };
  if (id.verb === 'restart') return { update: renderSpent(content, discordCopy.choseRestart), messages };
  if (target?.fate === 'open') return { messages }; // still waiting for an answer
  if (target?.fate === 'news')
    return {
      update: renderSpent(content, discordCopy.addedLate(answerLabel(target.answer ?? {}))),
      messages,
    };
  if (target?.fate === 'answered' && target.answer)
    return {
      update: renderSpent(content, discordCopy.answered(answerLabel(target.answer))),
      messages,
    };
  // Answered earlier (for example by typing in the DM): the Bot said so; retire the buttons.
  return { update: renderSpent(content, discordCopy.noLongerActive), messages };
}
