/**
 * Reply[] → Discord messages. Pure. Texts before a question share its message; a question's
 * message carries its buttons or select menu; an assessment is one or more embeds (one per
 * message). Everything stays within Discord's limits, and every string is mention-proofed.
 */
import type { APIEmbed } from 'discord.js';
import type { Reply } from '../../src/vocabulary.js';
import { splitText, truncate } from '../shared/text.js';
import { assessmentEmbeds } from './assessment-embed.js';
import { assessmentComponents, type MessageRow, questionComponents, type Surface } from './components.js';
import { neutraliseMentions } from './escape.js';
import { LIMITS } from './limits.js';

export type { Surface };

export interface OutgoingMessage {
  content: string;
  embeds: APIEmbed[];
  components: MessageRow[];
}

export interface RenderContext {
  /** The conversation epoch (see custom-id.ts) to stamp on buttons. */
  epoch: string;
  surface: Surface;
}

function textOf(reply: Extract<Reply, { kind: 'text' }>): string {
  return reply.tone === 'warning' || reply.tone === 'error' ? `⚠️ ${reply.text}` : reply.text;
}

/** Split content into ≤2,000-character pieces, at paragraph, then line, then hard boundaries. */
export const splitContent = (content: string, max: number = LIMITS.content): string[] =>
  splitText(content, max);

export function renderReplies(replies: Reply[], ctx: RenderContext): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  let texts: string[] = [];
  const flush = (components: MessageRow[] = [], embeds: APIEmbed[] = []) => {
    const content = neutraliseMentions(texts.join('\n\n'));
    texts = [];
    if (!content && embeds.length === 0 && components.length === 0) return;
    const pieces = content ? splitContent(content) : [''];
    pieces.forEach((piece, i) => {
      const last = i === pieces.length - 1;
      messages.push({ content: piece, embeds: last ? embeds : [], components: last ? components : [] });
    });
  };
  for (const reply of replies) {
    if (reply.kind === 'text') texts.push(textOf(reply));
    else if (reply.kind === 'question') {
      texts.push(`**${reply.text}**`);
      flush(questionComponents(reply, ctx.epoch, ctx.surface));
    } else {
      if (reply.triage === 'emergency' || reply.triage === 'urgent') texts.push(`🚨 **${reply.headline}**`);
      const embeds = assessmentEmbeds(reply); // mention-proofed and within limits already
      embeds.forEach((embed, i) => {
        const last = i === embeds.length - 1;
        flush(last ? assessmentComponents(ctx.epoch, ctx.surface) : [], [embed]);
      });
    }
  }
  flush();
  return messages;
}

/**
 * The edit for a message whose question was just answered (or went stale): its text plus a note
 * saying what happened, and no components, so its buttons cannot be pressed again. Embeds are
 * left as they are.
 */
export function renderSpent(oldContent: string, note: string): { content: string; components: [] } {
  const safeNote = neutraliseMentions(note);
  if (!oldContent) return { content: truncate(safeNote, LIMITS.content), components: [] };
  const room = LIMITS.content - safeNote.length - 2;
  return { content: `${truncate(oldContent, Math.max(0, room))}\n\n${safeNote}`, components: [] };
}
