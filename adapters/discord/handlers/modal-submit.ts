/** Text typed into the "Describe it in your own words" modal: free text without the message-content intent. */
import { MessageFlags, type ModalSubmitInteraction } from 'discord.js';
import { z } from 'zod';
import type { Reply } from '../../../src/vocabulary.js';
import { tickedValues } from '../checklist.js';
import { discordCopy } from '../copy.js';
import { decodeCustomId } from '../custom-id.js';
import { echoUserText } from '../escape.js';
import { LIMITS } from '../limits.js';
import { modalText } from '../modal.js';
import { renderReplies, renderSpent } from '../render.js';
import { componentPlan } from './component.js';
import { type HandlerDeps, whereOf } from './deps.js';
import { interactionTurn, renderContext } from './interaction-turn.js';

const tickedSchema = z.array(z.string().min(1).max(LIMITS.selectOptionValue)).max(LIMITS.selectOptions);

export async function onModalSubmit(i: ModalSubmitInteraction, deps: HandlerDeps): Promise<void> {
  const where = whereOf(i);
  const id = decodeCustomId(i.customId);
  if (id?.verb === 'ticked' && id.question !== null) {
    // The checklist form: the same answer as the menu, from the question's message.
    const selected = tickedSchema.parse(tickedValues(i));
    const content = i.isFromMessage() ? i.message.content : '';
    const event = { kind: 'select' as const, question: id.question, selected };
    await interactionTurn(i, deps, where, { event, eventId: i.id }, (outcome) =>
      componentPlan(content, id, outcome, where),
    );
    return;
  }
  const text = modalText(i).trim();
  if (id?.verb !== 'modal' || !text) {
    await i.reply({ content: discordCopy.unknownComponent, flags: MessageFlags.Ephemeral });
    return;
  }
  const event = { kind: 'text' as const, text, ...(id.question !== null ? { question: id.question } : {}) };
  await interactionTurn(i, deps, where, { event, eventId: i.id }, (outcome) => {
    const ctx = renderContext(outcome, where);
    const echo = discordCopy.wrote(echoUserText(text));
    const fromMessage = i.isFromMessage() ? i.message : null;
    // Free text is never stale; but if it moved the conversation on, the old buttons are spent.
    const spent =
      outcome.conversation !== null && outcome.target !== undefined && outcome.target.fate !== 'open';
    if (fromMessage && spent) {
      return {
        update: renderSpent(fromMessage.content, echo),
        messages: renderReplies(outcome.replies, ctx),
      };
    }
    const preface: Reply = { kind: 'text', text: echo };
    return { messages: renderReplies([preface, ...outcome.replies], ctx) };
  });
}
