/**
 * A multi-select question answered in words: "none of those", "1 and 3", "all of them", or the
 * option labels / everyday phrasings ("my left calf is swollen, and I have a fever").
 */

import type { Knowledge } from '../knowledge/schema.js';
import type { Choice, QuestionOption } from '../vocabulary.js';
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
  /** Option numbers that are not on the list ("7" when there are 5). */
  | { kind: 'out_of_range'; max: number }
  /** Nothing could be read; these options were partly named ("Did you mean ...?"). */
  | { kind: 'unclear'; suggestions: string[] }
  | null;

const overlap = (label: string[], piece: Set<string>) =>
  label.filter((w) => piece.has(w)).length / label.length;

/** Words that may sit around option numbers: "6 and maybe 5", "just 5 actually", "not 2, 4". */
const NUMBER_FILLER = new Set(
  (
    'and or maybe possibly perhaps probably just only actually sorry the number numbers option options i ' +
    'think definitely also plus ok okay um uh hmm both not no oh wait mean im sure about yes yeah too as ' +
    'well then instead a bit kind of sort like its it is one ones are those these them ' +
    // "none except 7", "nothing apart from 3", "none but 2": the number is the answer.
    'none nothing except apart from but besides other than aside for'
  ).split(' '),
);
const UNSURE_BEFORE = new Set(['maybe', 'possibly', 'perhaps', 'probably', 'sure', 'kind', 'sort']);
const NOT_BEFORE = new Set(['not', 'no']);

interface NumberPicks {
  yes: number[];
  unsure: number[];
  no: number[];
}

/** Option numbers in clauses made only of numbers and filler words; null when there are none. */
function readNumbers(text: string): NumberPicks | null {
  const picks: NumberPicks = { yes: [], unsure: [], no: [] };
  let any = false;
  for (const clause of text.split(/[,.;\n]+/)) {
    const tokens = tokenize(clause);
    if (!tokens.some((t) => /^\d+$/.test(t))) continue;
    if (!tokens.every((t) => /^\d+$/.test(t) || NUMBER_FILLER.has(t))) continue;
    any = true;
    tokens.forEach((t, i) => {
      if (!/^\d+$/.test(t)) return;
      const before = tokens.slice(Math.max(0, i - 2), i);
      const n = Number(t);
      if (before.some((w) => NOT_BEFORE.has(w)) && !before.includes('sure')) picks.no.push(n);
      else if (before.some((w) => UNSURE_BEFORE.has(w))) picks.unsure.push(n);
      else picks.yes.push(n);
    });
  }
  return any ? picks : null;
}

/** "no to all of them except number 1", "none apart from the swelling", "all but 2". */
const EXCEPT =
  /^(?<head>.*?)\b(?:except|apart from|but|besides|other than|aside from|excluding)\b(?<rest>.+)$/;
const HEAD_NONE =
  /^(no|none|nothing|nope|nah|neither|no to all|no to all of them|none of them|none of those|none of these|not any)( of (them|those|these))?$/;
const HEAD_ALL = /^(all|yes|yes to all|yes to all of them|all of them|all of those|all of these|everything)$/;

/** A clause that says none apply, and nothing else. */
const NONE_CLAUSE =
  /^(none|nothing|neither|no to all|not any)( of (those|these|them|that|the above|it))?( apply| applies| at all)?$/;
/** "no to both", "neither of them": none, when there are two options. */
const BOTH_NO = /^(no|not) (to )?(both|either)( of (them|those|these))?$/;
const clausesOf = (text: string) =>
  text
    .split(/[,.;!?\n]+/)
    .map((c) => tokenize(c).join(' '))
    .filter(Boolean);

export function parseSelection(text: string, options: QuestionOption[], knowledge: Knowledge): Selection {
  const tokens = tokenize(text);
  const joined = tokens.join(' ');
  const except = EXCEPT.exec(joined);
  if (except?.groups) {
    const head = except.groups.head!.trim();
    const rest = except.groups.rest!.trim();
    if (HEAD_NONE.test(head) || HEAD_ALL.test(head)) {
      const named = parseSelection(rest, options, knowledge);
      if (named?.kind === 'selected') {
        if (HEAD_NONE.test(head)) return named;
        const out = new Set([...named.findings, ...(named.unsure ?? [])]);
        return { kind: 'selected', findings: options.map((o) => o.finding).filter((f) => !out.has(f)) };
      }
    }
  }
  if (
    NONE.includes(joined) ||
    /^(none|nothing|neither|no)( of (those|these|them|that|the above))?( apply| applies)?$/.test(joined)
  ) {
    return { kind: 'selected', findings: [] };
  }
  if (ALL.includes(joined)) return { kind: 'selected', findings: options.map((o) => o.finding) };

  const picked = new Set<string>();
  const unsure = new Set<string>();
  const offered = new Set(options.map((o) => o.finding));
  const read = extractFindings(text, knowledge, { expecting: [...offered] });
  let numbers = readNumbers(text);
  if (numbers) {
    const all = [...numbers.yes, ...numbers.unsure, ...numbers.no];
    if (all.some((n) => n > options.length)) {
      // "I'm 69, and 30 a day": numbers past the list that say something else (an age, a count).
      if (![...read.keys()].some((f) => offered.has(f))) return { kind: 'out_of_range', max: options.length };
      numbers = null;
    }
  }
  if (numbers) {
    const all = [...numbers.yes, ...numbers.unsure, ...numbers.no];
    if (all.length === 1 && all[0] === 0) return { kind: 'selected', findings: [] };
    for (const n of numbers.yes) if (n > 0) picked.add(options[n - 1]!.finding);
    for (const n of numbers.unsure) if (n > 0) unsure.add(options[n - 1]!.finding);
    for (const n of numbers.no) if (n > 0) picked.delete(options[n - 1]!.finding);
  }

  // Labels, piece by piece ("one leg swollen, and fever with spreading redness").
  const pieces = text.split(/,|;|\band\b|\bplus\b|\balso\b|\n/i).map((p) => new Set(tokenize(p).map(fold)));
  const partly: Array<[string, number]> = [];
  for (const option of options) {
    const label = tokenize(option.label)
      .map(fold)
      .filter((w) => w.length > 2);
    if (label.length === 0) continue;
    const best = Math.max(0, ...pieces.map((piece) => overlap(label, piece)));
    if (best >= 0.75) picked.add(option.finding);
    else if (best >= 0.3) partly.push([option.finding, best]);
  }
  // Everyday phrasings for the options on offer, and for what they follow from: "it felt like I
  // was kicked" (kick_feeling_no_blow) picks the pop or "kick" option (knowledge `implies`).
  const implied = new Map<string, Choice>();
  for (const [finding, polarity] of read) {
    if (offered.has(finding) || polarity !== 'yes') continue;
    for (const f of knowledge.findings.get(finding)?.implies ?? [])
      if (offered.has(f) && !read.has(f)) implied.set(f, 'yes');
  }
  for (const [finding, polarity] of [...read, ...implied]) {
    if (!offered.has(finding)) continue;
    if (polarity === 'yes') {
      if (!unsure.has(finding)) picked.add(finding);
    } else if (polarity === 'unsure') {
      picked.delete(finding);
      unsure.add(finding);
    } else picked.delete(finding);
  }
  if (picked.size > 0 || unsure.size > 0 || numbers) {
    const order = options.map((o) => o.finding);
    return {
      kind: 'selected',
      findings: order.filter((f) => picked.has(f)),
      unsure: order.filter((f) => unsure.has(f) && !picked.has(f)),
    };
  }
  // "the cramps only last a few seconds. no ulcers": every option said no, one by one.
  if (options.every((o) => read.get(o.finding) === 'no')) return { kind: 'selected', findings: [] };
  // "she's 84, none of them": a clause that is a plain "none", beside words about something else.
  if (clausesOf(text).some((c) => NONE_CLAUSE.test(c) || (options.length === 2 && BOTH_NO.test(c))))
    return { kind: 'selected', findings: [] };
  const answer = classifyAnswer(text);
  if (answer === 'no') return { kind: 'selected', findings: [] };
  if (answer === 'unsure') return { kind: 'unsure' };
  if (partly.length > 0) {
    return {
      kind: 'unclear',
      suggestions: partly
        .sort((a, b) => b[1] - a[1])
        .map(([f]) => f)
        .slice(0, 3),
    };
  }
  return null;
}
