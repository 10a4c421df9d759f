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
  /** `phrases` by their first literal word, so a clause tries only those it could match. */
  phrasesByWord: Map<string, CompiledPhrase[]>;
  /** `phrases` with no literal word (only `word*` prefixes): tried on every clause. */
  wordlessPhrases: CompiledPhrase[];
}

function byFirstWord(phrases: CompiledPhrase[]): Map<string, CompiledPhrase[]> {
  const index = new Map<string, CompiledPhrase[]>();
  for (const p of phrases) {
    const first = p.words[0];
    if (first !== undefined) index.set(first, [...(index.get(first) ?? []), p]);
  }
  return index;
}

const cache = new WeakMap<Knowledge, LexiconEntry[]>();
const wordIndexes = new WeakMap<Knowledge, Map<string, Array<[number, CompiledPhrase]>>>();

/**
 * Every entry's phrases by their first literal word, across the lexicon: a clause looks up its
 * own words once instead of asking every entry about every word. Values are [entry index, phrase].
 */
export function phrasesByWordOf(knowledge: Knowledge): Map<string, Array<[number, CompiledPhrase]>> {
  let index = wordIndexes.get(knowledge);
  if (!index) {
    index = new Map();
    lexiconOf(knowledge).forEach((entry, i) => {
      for (const [word, phrases] of entry.phrasesByWord) {
        const list = index!.get(word) ?? [];
        for (const p of phrases) list.push([i, p]);
        index!.set(word, list);
      }
    });
    wordIndexes.set(knowledge, index);
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
        phrasesByWord: byFirstWord(phrases),
        wordlessPhrases: phrases.filter((p) => p.words.length === 0),
      };
    });
    cache.set(knowledge, entries);
  }
  return entries;
}
