/** The finding lexicon from knowledge, compiled once per loaded knowledge. */
import type { Knowledge } from '../knowledge/schema.js';
import { type CompiledPhrase, compilePhrase } from './phrase.js';

export interface LexiconEntry {
  finding: string;
  phrases: CompiledPhrase[];
  unless: CompiledPhrase[];
  denials: CompiledPhrase[];
}

const cache = new WeakMap<Knowledge, LexiconEntry[]>();

export function lexiconOf(knowledge: Knowledge): LexiconEntry[] {
  let entries = cache.get(knowledge);
  if (!entries) {
    entries = [...knowledge.findings.values()].map((f) => ({
      finding: f.id,
      phrases: [...f.phrasings, f.label].map(compilePhrase).filter((p) => p.parts.length > 0),
      unless: f.unless.map(compilePhrase),
      denials: f.denials.map(compilePhrase),
    }));
    cache.set(knowledge, entries);
  }
  return entries;
}
