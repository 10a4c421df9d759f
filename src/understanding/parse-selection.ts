/**
 * A multi-select question answered in words: "none of those", "1 and 3", "all of them", or the
 * option labels / everyday phrasings ("my left calf is swollen, and I have a fever").
 */

import type { Knowledge } from '../knowledge/schema.js';
import type { QuestionOption } from '../vocabulary.js';
import { classifyAnswer } from './classify-answer.js';
import { extractFindings } from './extract-findings.js';
import { fold, tokenize } from './normalize.js';

const NONE = [
  'none',
  'none of those',
  'none of them',
  'none of these',
  'none apply',
  'nothing',
  'nothing like that',
  'neither',
  'no',
  'nope',
  'nah',
  'not any',
  'no to all',
  'no none',
  'none of the above',
  'not really',
  'n',
  '0',
];
const ALL = [
  'all',
  'all of them',
  'all of those',
  'all of these',
  'everything',
  'all of the above',
  'yes all',
];

export type Selection =
  | { kind: 'selected'; findings: string[]; unsure?: string[] }
  | { kind: 'unsure' }
  | null;

const overlap = (label: string[], piece: Set<string>) =>
  label.filter((w) => piece.has(w)).length / label.length;

export function parseSelection(text: string, options: QuestionOption[], knowledge: Knowledge): Selection {
  const tokens = tokenize(text);
  const joined = tokens.join(' ');
  if (
    NONE.includes(joined) ||
    /^(none|nothing|neither|no)( of (those|these|them|that|the above))?( apply| applies)?$/.test(joined)
  ) {
    return { kind: 'selected', findings: [] };
  }
  if (ALL.includes(joined)) return { kind: 'selected', findings: options.map((o) => o.finding) };

  // Numbers: "1, 3" / "1 and 3" / "2".
  if (tokens.length > 0 && tokens.every((t) => /^\d+$/.test(t) || t === 'and' || t === 'or')) {
    const picked = new Set<string>();
    for (const t of tokens) {
      const n = Number(t);
      if (n === 0) continue;
      const option = options[n - 1];
      if (!option) return null;
      picked.add(option.finding);
    }
    return { kind: 'selected', findings: [...picked] };
  }

  const picked = new Set<string>();
  // Labels, piece by piece ("one leg swollen, and fever with spreading redness").
  const pieces = text.split(/,|;|\band\b|\bplus\b|\balso\b|\n/i).map((p) => new Set(tokenize(p).map(fold)));
  for (const option of options) {
    const label = tokenize(option.label)
      .map(fold)
      .filter((w) => w.length > 2);
    if (label.length === 0) continue;
    if (pieces.some((piece) => overlap(label, piece) >= 0.75)) picked.add(option.finding);
  }
  // Everyday phrasings for the options on offer.
  const offered = new Set(options.map((o) => o.finding));
  const unsure = new Set<string>();
  for (const [finding, polarity] of extractFindings(text, knowledge)) {
    if (!offered.has(finding)) continue;
    if (polarity === 'yes') picked.add(finding);
    else if (polarity === 'unsure') {
      picked.delete(finding);
      unsure.add(finding);
    } else picked.delete(finding);
  }
  if (picked.size > 0 || unsure.size > 0) {
    const order = options.map((o) => o.finding);
    return {
      kind: 'selected',
      findings: order.filter((f) => picked.has(f)),
      unsure: order.filter((f) => unsure.has(f)),
    };
  }
  const answer = classifyAnswer(text);
  if (answer === 'no') return { kind: 'selected', findings: [] };
  if (answer === 'unsure') return { kind: 'unsure' };
  return null;
}
