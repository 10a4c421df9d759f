/** Text typed into the "Describe it in your own words" modal: free text without the message-content intent. */
import { MessageFlags, type ModalSubmitInteraction } from 'discord.js';
import type { Reply } from '../../../src/vocabulary.js';
import { tryConversationStatus } from '../conversation-status.js';
import { discordCopy } from '../copy.js';
import { decodeCustomId } from '../custom-id.js';
import { echoUserText } from '../escape.js';
import { modalText } from '../modal.js';
import { renderReplies, renderSpent } from '../render.js';
import { type HandlerDeps, whereOf } from './deps.js';
import { type InteractionPlan, respond } from './respond.js';

export async function onModalSubmit(i: ModalSubmitInteraction, deps: HandlerDeps): Promise<void> {
  const where = whereOf(i);
  const id = decodeCustomId(i.customId);
  const text = modalText(i).trim();
  if (id?.verb !== 'modal' || !text) {
    await i.reply({ content: discordCopy.unknownComponent, flags: MessageFlags.Ephemeral });
    return;
  }
  const plan = (async (): Promise<InteractionPlan> => {
    const before = await tryConversationStatus(deps.bot.store, where.key);
    const result = await deps.bot.handleDetailed(
      where.key,
      { kind: 'text', text },
      { eventId: i.id, user: where.user },
    );
    const after = await tryConversationStatus(deps.bot.store, where.key);
    const ctx = { epoch: after?.epoch ?? '0', surface: where.surface };
    const echo = discordCopy.wrote(echoUserText(text));
    const fromMessage = i.isFromMessage() ? i.message : null;
    // Free text is never stale; but if it moved the conversation on, the old buttons are spent.
    const known = before !== undefined && after !== undefined;
    const spent =
      fromMessage &&
      known &&
      id.question !== null &&
      (before?.pending !== id.question || after?.pending !== id.question);
    if (fromMessage && spent) {
      return { update: renderSpent(fromMessage.content, echo), messages: renderReplies(result.replies, ctx) };
    }
    const preface: Reply = { kind: 'text', text: echo };
    return { messages: renderReplies([preface, ...result.replies], ctx) };
  })();
  await respond(i, plan, { ackBudgetMs: deps.ackBudgetMs, flags: where.flags });
}
