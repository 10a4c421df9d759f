/**
 * Word wrapping for the terminal: lines of at most `width` characters, broken at spaces; a word
 * longer than a whole line (a long URL) is cut into pieces rather than run past the edge.
 * Continuation lines get `hang` (spaces) so a bullet's text lines up under itself.
 */
export function wrap(text: string, width: number, first = '', hang = ' '.repeat(first.length)): string[] {
  const lines: string[] = [];
  let prefix = first;
  let line = '';
  const room = () => Math.max(8, width - prefix.length);
  const flush = () => {
    lines.push((prefix + line).trimEnd());
    prefix = hang;
    line = '';
  };
  for (let word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length <= room()) {
      line += ` ${word}`;
      continue;
    }
    if (line) flush();
    while (word.length > room()) {
      const cut = room();
      line = word.slice(0, cut);
      word = word.slice(cut);
      flush();
    }
    line = word;
  }
  if (line || lines.length === 0) flush();
  return lines;
}

/** Each line wrapped on its own; a bullet ("- ", "1. ") keeps its text lined up under itself. */
export function wrapBlock(text: string, width: number): string[] {
  return text.split('\n').flatMap((p) => {
    if (p.trim() === '') return [''];
    const lead = /^\s*(?:[-*•]|\d+[.)])\s+/.exec(p)?.[0] ?? '';
    return wrap(p.slice(lead.length), width, lead);
  });
}

/** A terminal's width: its columns, 80 when unknown (a pipe, a file), never below 20. */
export function widthOf(output: { columns?: number } | undefined): number {
  const columns = output?.columns;
  return typeof columns === 'number' && columns > 0 ? Math.max(20, columns) : 80;
}
