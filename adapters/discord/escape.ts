/**
 * Text we send must never ping anyone, even if `allowed_mentions` were lost on the way:
 * break `@everyone`, `@here` and `<@id>` / `<@&id>` / `<#id>` with a zero-width space.
 * Text a user typed and we echo back also has its Markdown escaped.
 */
import { escapeMarkdown } from 'discord.js';

const ZWSP = '\u200b';

export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(@[!&]?|#|\/)/g, `<${ZWSP}$1`);
}

/** For echoing user text: no mentions, no Markdown, one line of at most `max` characters. */
export function echoUserText(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const cut = oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
  return neutraliseMentions(escapeMarkdown(cut));
}
