/** Replies → plain terminal text (numbered choices for multi-select questions). */
import type { Reply } from '../../src/vocabulary.js';

export interface Style {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  yellow: (s: string) => string;
  green: (s: string) => string;
}

const plain: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, green: (s) => s };
export const ansi: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  red: (s) => `\x1b[31m${s}\x1b[39m`,
  yellow: (s) => `\x1b[33m${s}\x1b[39m`,
  green: (s) => `\x1b[32m${s}\x1b[39m`,
};

export function renderText(reply: Reply, style: Style = plain): string {
  switch (reply.kind) {
    case 'text':
      return reply.tone === 'error' || reply.tone === 'warning' ? style.yellow(reply.text) : reply.text;
    case 'question':
      if (reply.type === 'yes_no') {
        return `${style.bold(reply.text)}\n${style.dim('  answer: yes / no / not sure   (or "why", "back", "restart", "help")')}`;
      }
      return [
        style.bold(reply.text),
        ...reply.options.map((o, i) => `  ${i + 1}) ${o.label}`),
        style.dim(
          '  Type the numbers that apply (e.g. "1 3"), or "none".  ("why", "back", "restart", "help")',
        ),
      ].join('\n');
    case 'assessment': {
      const colour =
        reply.triage === 'emergency' || reply.triage === 'urgent'
          ? style.red
          : reply.triage === 'see_doctor'
            ? style.yellow
            : style.green;
      const [, ...rest] = reply.text.split('\n\n');
      return [
        colour(style.bold(`== ${reply.headline} ==`)),
        ...rest,
        `Sources:\n${reply.sources.map((s, i) => `  [${i + 1}] ${s.publisher}: ${s.title} ${style.dim(s.url)}`).join('\n')}`,
        style.dim(reply.disclaimer),
        style.dim('Ask me more (e.g. "what foods have magnesium?"), or type "restart" or "quit".'),
      ].join('\n\n');
    }
  }
}
