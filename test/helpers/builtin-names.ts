/**
 * Every own and inherited property name of Object.prototype, Function.prototype and
 * Array.prototype, and the forms people could type them in, for the tests that check no word
 * finds a built-in property in a lookup keyed by user text.
 */

import { lexiconOf } from '../../src/understanding/lexicon.js';
import { fold } from '../../src/understanding/normalize.js';
import type { Reply } from '../../src/vocabulary.js';
import { knowledge } from './bot.js';

const protos = [Object.prototype, Function.prototype, Array.prototype];

/** Own and inherited string-keyed property names (Object.prototype is every chain's end). */
export const BUILTIN_NAMES: string[] = [
  ...new Set([...protos.flatMap((p) => Object.getOwnPropertyNames(p)), '__proto__', 'prototype']),
].sort();

/** The ways a word turns up in a message: as is, capitalised, upper case, punctuated. */
export const FORMS: Array<(w: string) => string> = [
  (w) => w,
  (w) => w[0]!.toUpperCase() + w.slice(1),
  (w) => w.toUpperCase(),
  (w) => `${w},`,
  (w) => `"${w}"`,
  (w) => `(${w})`,
  (w) => `${w}!`,
  (w) => `${w}'s`,
  (w) => `#${w}`,
];

/** Real messages with a slot for the word; the slot is filled with '' for the baseline. */
export const OPENINGS: string[] = [
  'I am a {w} my left calf is swollen, red and hot and I am suddenly breathless',
  'my left calf is swollen, red and hot {w} and I am suddenly breathless',
  'my calves cramp at night {w}',
  '{w} why do my calves hurt',
  'I felt a pop in my calf playing {w} football and now I cannot walk on it',
  'I take statins and my calves ache {w}',
];

export const fill = (template: string, word: string): string =>
  template.replace('{w}', word).replace(/\s+/g, ' ').trim();

/** What triage a person sees in a turn: reply kinds, advice level, causes, the question asked. */
export function triageOf(replies: Reply[]): unknown[] {
  return replies.map((r) => {
    if (r.kind === 'assessment') return { kind: r.kind, triage: r.triage, causes: r.causes.map((c) => c.id) };
    if (r.kind === 'question') {
      return { kind: r.kind, asks: r.type === 'multi' ? r.options.map((o) => o.finding) : [r.finding] };
    }
    return { kind: r.kind, text: r.text };
  });
}

/**
 * Names that are also words of the lexicon ("pop", "shift", "with", "at", "every"): a "pop" in
 * the calf is a finding, so for them only the advice level and the kind of each reply must stay.
 */
export function isLexiconWord(name: string): boolean {
  const word = fold(name.toLowerCase());
  return lexiconOf(knowledge()).some((e) =>
    [...e.phrases, ...e.unless, ...e.denials].some((p) =>
      p.parts.some(
        (part) =>
          ((part.kind === 'word' || part.kind === 'exact') && part.word === word) ||
          (part.kind === 'prefix' && name.toLowerCase().startsWith(part.prefix)),
      ),
    ),
  );
}

/** The advice level and reply kinds alone. */
export const levelOf = (triage: unknown[]): unknown[] =>
  triage.map((r) => {
    const { kind, triage: level } = r as { kind: string; triage?: string };
    return level === undefined ? kind : `${kind}:${level}`;
  });

/** Compare as a person would: everything for ordinary names, the level for lexicon words. */
export const sameTriage = (name: string, got: unknown[], want: unknown[]): [unknown, unknown] =>
  isLexiconWord(name) ? [levelOf(got), levelOf(want)] : [got, want];
