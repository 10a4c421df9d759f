/**
 * The phrasing grammar of knowledge/findings.yaml, compiled once:
 * words match themselves (plurals folded), `=word` matches exactly that word (no folding, so
 * `=legs` is not "leg"), `word*` matches any word starting with `word`, `...` lets up to four
 * other words sit in between.
 */
import { NEGATION_WORDS } from './negation.js';
import { fold, tokenize } from './normalize.js';

const GAP_WORDS_MAX = 4;

type Part =
  | { kind: 'word'; word: string }
  | { kind: 'exact'; word: string }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'gap' };

export interface CompiledPhrase {
  source: string;
  parts: Part[];
  /**
   * The literal (folded) words the phrase needs: a clause lacking one cannot match, so it is
   * skipped. In phrase order here; the lexicon reorders its own, rarest first.
   */
  words: string[];
}

export function compilePhrase(phrase: string): CompiledPhrase {
  const parts: Part[] = [];
  for (const raw of phrase.toLowerCase().split(/\s+/).filter(Boolean)) {
    if (raw === '...' || raw === '…') {
      parts.push({ kind: 'gap' });
      continue;
    }
    const prefix = raw.endsWith('*');
    const exact = raw.startsWith('=');
    const [word] = tokenize(raw.slice(exact ? 1 : 0, prefix ? -1 : undefined));
    if (!word) continue;
    if (prefix) parts.push({ kind: 'prefix', prefix: word });
    else if (exact) parts.push({ kind: 'exact', word });
    else parts.push({ kind: 'word', word: fold(word) });
  }
  const words = [
    ...new Set(
      parts.flatMap((p) => (p.kind === 'word' ? [p.word] : p.kind === 'exact' ? [fold(p.word)] : [])),
    ),
  ];
  return { source: phrase, parts, words };
}

export interface PhraseMatch {
  start: number;
  end: number; // exclusive
}

function wordMatches(part: Part, token: string, folded: string): boolean {
  if (part.kind === 'word') return part.word === folded;
  if (part.kind === 'exact') return part.word === token;
  if (part.kind === 'prefix') return token.startsWith(part.prefix);
  return false;
}

/**
 * Where parts[pi..] matched from tokens[ti] ends (exclusive), or -1. A plain function of its
 * arguments (no closure, nothing allocated), so a caller trying thousands of phrases pays nothing
 * per call but the comparisons.
 */
function matchFrom(
  parts: readonly Part[],
  pi: number,
  tokens: readonly string[],
  folded: readonly string[],
  ti: number,
): number {
  for (; pi < parts.length; pi++, ti++) {
    const part = parts[pi]!;
    if (part.kind === 'gap') {
      for (let skip = 0; skip <= GAP_WORDS_MAX && ti + skip <= tokens.length; skip++) {
        const end = matchFrom(parts, pi + 1, tokens, folded, ti + skip);
        if (end >= 0) return end;
        // A gap never swallows a negation: "my calf is not red" is no match for `calf ... red`.
        if (NEGATION_WORDS.has(tokens[ti + skip] ?? '')) return -1;
      }
      return -1;
    }
    if (ti >= tokens.length || !wordMatches(part, tokens[ti]!, folded[ti]!)) return -1;
  }
  return ti;
}

/**
 * Whether the phrase can occur in the clause at all: it has parts, and the clause has every
 * literal word it needs (`present`, the set of `folded`, rules most phrases out at once).
 */
export function mayOccur(
  phrase: CompiledPhrase,
  folded: readonly string[],
  present?: ReadonlySet<string>,
): boolean {
  if (phrase.parts.length === 0) return false;
  // Most phrasings share no word with a given clause: skip them before the matcher runs.
  for (const word of phrase.words) if (!(present ? present.has(word) : folded.includes(word))) return false;
  return true;
}

/** Whether the phrase occurs starting at tokens[start] (call after `mayOccur`). */
export function occursAt(
  phrase: CompiledPhrase,
  tokens: readonly string[],
  folded: readonly string[],
  start: number,
): boolean {
  return matchFrom(phrase.parts, 0, tokens, folded, start) >= 0;
}

/** Pushes to `out` every start where the phrase occurs in the clause, in order; allocates nothing else. */
export function pushStarts(
  phrase: CompiledPhrase,
  tokens: readonly string[],
  folded: readonly string[],
  present: ReadonlySet<string> | undefined,
  out: number[],
): void {
  if (!mayOccur(phrase, folded, present)) return;
  for (let start = 0; start < tokens.length; start++)
    if (matchFrom(phrase.parts, 0, tokens, folded, start) >= 0) out.push(start);
}

/** Whether the phrase occurs anywhere in the clause (`findPhrase(...).length > 0`, without the list). */
export function hasPhrase(
  phrase: CompiledPhrase,
  tokens: readonly string[],
  folded: readonly string[],
  present?: ReadonlySet<string>,
): boolean {
  if (!mayOccur(phrase, folded, present)) return false;
  for (let start = 0; start < tokens.length; start++)
    if (matchFrom(phrase.parts, 0, tokens, folded, start) >= 0) return true;
  return false;
}

/**
 * All places where the phrase occurs in the (already tokenised) clause. `present`, the set of
 * `folded`, lets a caller that tries many phrases on one clause rule most of them out at once.
 */
export function findPhrase(
  phrase: CompiledPhrase,
  tokens: readonly string[],
  folded: readonly string[],
  present?: ReadonlySet<string>,
): PhraseMatch[] {
  if (!mayOccur(phrase, folded, present)) return [];
  const matches: PhraseMatch[] = [];
  for (let start = 0; start < tokens.length; start++) {
    const end = matchFrom(phrase.parts, 0, tokens, folded, start);
    if (end >= 0) matches.push({ start, end });
  }
  return matches;
}
