/**
 * Free text → findings with polarity. "My left calf is swollen, I don't take statins" gives
 * one_leg_swollen: yes, statin_use: no. Within a clause a present mention wins over a negated
 * one, so an unclear sentence never talks a red flag away.
 */

import type { Knowledge } from '../knowledge/schema.js';
import type { Choice } from '../vocabulary.js';
import { lexiconOf } from './lexicon.js';
import { polarityAt } from './negation.js';
import { clauses, fold } from './normalize.js';
import { type CompiledPhrase, findPhrase } from './phrase.js';

const RANK: Record<Choice, number> = { no: 0, unsure: 1, yes: 2 };

export function extractFindings(text: string, knowledge: Knowledge): Map<string, Choice> {
  const found = new Map<string, Choice>();
  for (const tokens of clauses(text)) {
    const folded = tokens.map(fold);
    const present = new Set(folded);
    for (const entry of lexiconOf(knowledge)) {
      const mention = (phrase: CompiledPhrase) => {
        for (const m of findPhrase(phrase, tokens, folded, present)) {
          const polarity = polarityAt(tokens, m.start);
          const before = found.get(entry.finding);
          if (before === undefined || RANK[polarity] > RANK[before]) found.set(entry.finding, polarity);
        }
      };
      // "I don't take any medicines": a denial counts as "no" unless something says otherwise.
      if (
        !found.has(entry.finding) &&
        // A negated denial ("I don't eat a healthy diet") denies nothing.
        entry.denials.some((d) =>
          findPhrase(d, tokens, folded, present).some((m) => polarityAt(tokens, m.start) === 'yes'),
        )
      ) {
        found.set(entry.finding, 'no');
      }
      if (entry.unless.some((u) => findPhrase(u, tokens, folded, present).length > 0)) continue;
      // Only the phrasings whose first word is in the clause (and those without words) can match;
      // the strongest mention wins, so the order they are tried in does not matter.
      for (const phrase of entry.wordlessPhrases) mention(phrase);
      for (const word of present) for (const phrase of entry.phrasesByWord.get(word) ?? []) mention(phrase);
    }
  }
  return found;
}
