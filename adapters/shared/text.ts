/**
 * Text for platforms with length limits, counted in UTF-16 units (what Slack and Discord count),
 * never cutting a character such as an emoji in half. Platforms add their escaping as hooks.
 */

/** Cut `text` to at most `max` characters, ending with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const char of text) {
    if (kept.length + char.length > max - 1) break;
    kept += char;
  }
  return `${kept.trimEnd()}…`;
}

export interface SplitOptions {
  /**
   * Move a cut earlier so it does not land inside something that must stay whole (an escape such
   * as `&amp;`); gets the text and the proposed cut, returns the cut to use.
   */
  keepWhole?: (text: string, cut: number) => number;
}

/**
 * Split `text` into pieces of at most `max` characters, at a paragraph break, else a line break,
 * else a space (each only when it keeps at least half a piece), else anywhere.
 */
export function splitText(text: string, max: number, options: SplitOptions = {}): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut <= 0) cut = max;
    if (options.keepWhole) cut = options.keepWhole(rest, cut);
    // Never split a surrogate pair.
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}
