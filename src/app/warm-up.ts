/**
 * One-off work a process would otherwise do inside some person's turn, done before it instead.
 * The typo corrector (src/understanding/fuzzy.ts) builds its lexicon vocabulary on the first
 * turn and Hunspell's English dictionary (nspell + dictionary-en, about 0.3 s) on the first word
 * that is near a lexicon word: whoever types the first typo would wait for it. The lexicon's
 * clause index (a few ms) is built here too, not in the first free-text turn.
 */
import type { Knowledge } from '../knowledge/schema.js';
import type { Logger } from '../log.js';
import { warmSpelling } from '../understanding/fuzzy.js';
import { clauseIndexOf } from '../understanding/lexicon.js';

/** Build the spelling corrector now, and say how long it took (debug). */
export function warmUp(knowledge: Knowledge, logger: Logger): void {
  const started = performance.now();
  warmSpelling(knowledge);
  clauseIndexOf(knowledge);
  logger.debug(
    { event: 'warmed_up', ms: Math.round(performance.now() - started) },
    'spelling dictionary ready',
  );
}
