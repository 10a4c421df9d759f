/** The finding lexicon from knowledge, compiled once per loaded knowledge. */
import type { Knowledge } from '../knowledge/schema.js';
import { type CompiledPhrase, compilePhrase } from './phrase.js';

export interface LexiconEntry {
  finding: string;
  phrases: CompiledPhrase[];
  /** Phrases (also in `phrases`) that count only when a question asks about this finding. */
  answerOnly: ReadonlySet<CompiledPhrase>;
  unless: CompiledPhrase[];
  denials: CompiledPhrase[];
  answerDenials: CompiledPhrase[];
  /** A list finding: a denied item is not a denial of the whole (knowledge `list`). */
  list: boolean;
  /** A warning sign: a denial that reaches it only across "and" does not deny it (negation.ts). */
  redFlag: boolean;
  /** The message must also say one of these for a mention to count (empty: no condition). */
  context: CompiledPhrase[];
  /** Findings whose yes, earlier in the conversation, stands in for a context phrase. */
  contextFindings: readonly string[];
}

/** What a phrase in the clause index is to its entry. */
export const PHRASE = 0;
export const DENIAL = 1;
/** A denial that counts only when a question asks about the entry's finding. */
export const ANSWER_DENIAL = 2;

export interface IndexedPhrase {
  /** The entry's place in `lexiconOf()`. */
  entry: number;
  phrase: CompiledPhrase;
  role: typeof PHRASE | typeof DENIAL | typeof ANSWER_DENIAL;
  /** A phrase in the entry's `answerOnly`. */
  answerOnly: boolean;
}

/**
 * Every entry's phrasings and denials, each filed under one key it cannot match without: its
 * rarest literal word (the first of its `words`: "calf" or "my" is a key only when a phrasing has
 * nothing rarer), or, for a phrasing made only of `word*` prefixes, the first
 * STEM letters of its first prefix (a token it matches starts with them). A clause looks up its
 * own words and stems and tries only what it finds there: a phrase that can occur in the clause
 * is always found, and each under one key only, so it is tried once.
 */
export interface ClauseIndex {
  byWord: Map<string, IndexedPhrase[]>;
  byStem: Map<string, IndexedPhrase[]>;
  /** Phrases with neither (a prefix shorter than STEM letters, only gaps): tried on every clause. */
  always: IndexedPhrase[];
}

/** How many letters of a `word*` prefix key a wordless phrase. */
export const STEM = 3;

const cache = new WeakMap<Knowledge, LexiconEntry[]>();
const clauseIndexes = new WeakMap<Knowledge, ClauseIndex>();

const file = (index: Map<string, IndexedPhrase[]>, key: string, item: IndexedPhrase) => {
  const list = index.get(key);
  if (list) list.push(item);
  else index.set(key, [item]);
};

export function clauseIndexOf(knowledge: Knowledge): ClauseIndex {
  let index = clauseIndexes.get(knowledge);
  if (!index) {
    const items: IndexedPhrase[] = [];
    lexiconOf(knowledge).forEach((entry, i) => {
      for (const phrase of entry.phrases)
        items.push({ entry: i, phrase, role: PHRASE, answerOnly: entry.answerOnly.has(phrase) });
      for (const phrase of entry.denials) items.push({ entry: i, phrase, role: DENIAL, answerOnly: false });
      for (const phrase of entry.answerDenials)
        items.push({ entry: i, phrase, role: ANSWER_DENIAL, answerOnly: false });
    });
    index = { byWord: new Map(), byStem: new Map(), always: [] };
    for (const item of items) {
      const { parts, words } = item.phrase;
      // A phrase with no parts never occurs.
      if (parts.length === 0) continue;
      if (words.length > 0) {
        // `words` are rarest first (lexiconOf).
        file(index.byWord, words[0]!, item);
        continue;
      }
      const prefix = parts.find((p) => p.kind === 'prefix');
      if (prefix?.kind === 'prefix' && prefix.prefix.length >= STEM)
        file(index.byStem, prefix.prefix.slice(0, STEM), item);
      else index.always.push(item);
    }
    clauseIndexes.set(knowledge, index);
  }
  return index;
}

export function lexiconOf(knowledge: Knowledge): LexiconEntry[] {
  let entries = cache.get(knowledge);
  if (!entries) {
    // Medicine names (knowledge/medicines.yaml) are phrasings of the findings their class means.
    const medicineNames = new Map<string, string[]>();
    for (const m of knowledge.medicines) {
      for (const f of m.findings) medicineNames.set(f, [...(medicineNames.get(f) ?? []), ...m.names]);
    }
    entries = [...knowledge.findings.values()].map((f) => {
      const phrases = [...f.phrasings, f.label, ...(medicineNames.get(f.id) ?? [])]
        .map(compilePhrase)
        .filter((p) => p.parts.length > 0);
      const answerOnly = f.answer_phrasings.map(compilePhrase).filter((p) => p.parts.length > 0);
      phrases.push(...answerOnly);
      return {
        finding: f.id,
        phrases,
        answerOnly: new Set(answerOnly),
        unless: f.unless.map(compilePhrase),
        denials: f.denials.map(compilePhrase),
        answerDenials: f.answer_denials.map(compilePhrase),
        list: f.list,
        redFlag: f.red_flag,
        context: f.context.map(compilePhrase),
        contextFindings: f.context_findings,
      };
    });
    // Each phrase's literal words, rarest first (the fewest of the lexicon's phrases use it): a
    // clause lacking one rules the phrase out soonest, and the first keys the clause index.
    const all = entries.flatMap((e) => [
      ...e.phrases,
      ...e.unless,
      ...e.denials,
      ...e.answerDenials,
      ...e.context,
    ]);
    const uses = new Map<string, number>();
    for (const p of all) for (const w of p.words) uses.set(w, (uses.get(w) ?? 0) + 1);
    for (const p of all) p.words.sort((a, b) => uses.get(a)! - uses.get(b)!);
    cache.set(knowledge, entries);
  }
  return entries;
}
