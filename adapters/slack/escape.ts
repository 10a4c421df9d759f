/**
 * Slack mrkdwn escaping. Slack treats `&`, `<` and `>` as control characters: `<!channel>`,
 * `<@U123>` and `<https://x|label>` are mentions and links. Everything we put into a mrkdwn text
 * (user words echoed back included) goes through `escapeMrkdwn`, so nobody can make the bot ping a
 * channel or a person, or dress up a link.
 */
import { splitText } from '../shared/text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/**
 * A zero-width joiner after `@` keeps `@channel`, `@here` and `@everyone` from reading as broadcasts.
 * No word boundary is required: `@channelx` is defused too, so cutting text short can never turn it
 * into a live `@channel`.
 */
const BROADCAST_WORDS = /@(channel|here|everyone)/gi;

export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITIES[c]!).replace(BROADCAST_WORDS, '@\u200d$1');
}

/** For plain_text objects: Slack does not parse them, but a broadcast word should not even look like one. */
export function neutralisePlain(text: string): string {
  return text.replace(BROADCAST_WORDS, '@\u200d$1');
}

/**
 * A mrkdwn link whose label cannot break out of the `<url|label>` syntax. Only https URLs become
 * links (knowledge sources are validated as https); anything else is shown as escaped text.
 */
export function mrkdwnLink(url: string, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, '¦');
  if (!/^https:\/\/[^\s<>|]+$/.test(url)) return safeLabel;
  return `<${url.replace(/&/g, '&amp;')}|${safeLabel}>`;
}

/**
 * Split already-escaped mrkdwn into pieces of at most `max` characters, preferring paragraph and
 * line breaks (the shared splitter), and never cutting inside an entity such as `&amp;`.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  return splitText(text, max, {
    keepWhole: (rest, cut) => {
      const amp = rest.lastIndexOf('&', cut - 1);
      return amp >= 0 && amp > cut - 6 && !rest.slice(amp, cut).includes(';') ? amp : cut;
    },
  });
}
