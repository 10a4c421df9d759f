/** Replies → terminal text wrapped to the terminal's width (numbered choices for multi-select questions). */
import { copy } from '../../src/conversation/copy.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import type { Reply } from '../../src/vocabulary.js';
import { renderAssessment } from './render-assessment.js';
import { wrap, wrapBlock } from './wrap.js';

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

/** The help, for a keyboard: there are no buttons in a terminal. */
export const TERMINAL_HELP = [
  'Tell me what is going on with your calves in your own words, then answer my questions by typing: "yes", "no" or "not sure", or for a numbered list the numbers that apply (e.g. "1 3") or "none".',
  'Commands: "restart" starts over, "back" changes your last answer, "why" explains the current question, "forget" deletes everything I stored about you, "quit" leaves.',
  'After the assessment you can ask things like "what foods have magnesium?" or "tell me more about B12".',
  'I am not a doctor and I cannot diagnose. In an emergency call your local emergency number.',
].join('\n');

export interface RenderOptions {
  /** Columns to wrap to (80 by default). */
  width?: number;
  /** For the assessment's source markers and finding labels. */
  knowledge?: Knowledge;
}

export function renderText(reply: Reply, style: Style = plain, opts: RenderOptions = {}): string {
  const width = opts.width ?? 80;
  const block = (s: string) => wrapBlock(s, width).join('\n');
  switch (reply.kind) {
    case 'text': {
      const text = block(reply.text === copy.help ? TERMINAL_HELP : reply.text);
      return reply.tone === 'error' || reply.tone === 'warning' ? style.yellow(text) : text;
    }
    case 'question':
      if (reply.type === 'yes_no') {
        return [
          ...wrap(reply.text, width).map(style.bold),
          ...wrap('answer: yes / no / not sure   (or "why", "back", "restart", "help")', width, '  ').map(
            style.dim,
          ),
        ].join('\n');
      }
      return [
        ...wrap(reply.text, width).map(style.bold),
        ...reply.options.flatMap((o, i) => wrap(o.label, width, `  ${i + 1}) `)),
        ...wrap(
          'Type the numbers that apply (e.g. "1 3"), or "none".  ("why", "back", "restart", "help")',
          width,
          '  ',
        ).map(style.dim),
      ].join('\n');
    case 'assessment':
      return renderAssessment(reply, style, width, opts.knowledge);
  }
}
