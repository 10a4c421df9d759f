/** Text typed into the "Describe it in your own words" modal: free text without the message-content intent. */
import { MessageFlags, type ModalSubmitInteraction } from 'discord.js';
import type { Reply } from '../../../src/vocabulary.js';
import { discordCopy } from '../copy.js';
import { decodeCustomId } from '../custom-id.js';
import { echoUserText } from '../escape.js';
import { modalText } from '../modal.js';
import { renderReplies, renderSpent } from '../render.js';
import { type HandlerDeps, whereOf } from './deps.js';
import { interactionTurn, renderContext } from './interaction-turn.js';

export async function onModalSubmit(i: ModalSubmitInteraction, deps: HandlerDeps): Promise<void> {
  const where = whereOf(i);
  const id = decodeCustomId(i.customId);
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
