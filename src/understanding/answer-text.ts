/** Reading an answer typed to a question: corrections, and our own option labels said back. */

/** "sorry, not the statin", "actually no", "I mean...": an earlier answer is being corrected. */
export function isCorrection(text: string): boolean {
  return /\b(sorry|actually|i mean|i meant|correction|scratch that|wait|oops|my mistake|not the)\b/i.test(
    text,
  );
}

const CONFUSED =
  /\b(dont|do not|didnt|did not|cant|cannot) (understand|get it|get that|follow)\b|\bwhat (does|do) ([\w-]+ ){0,3}mean\b|\bwhat do you mean\b|\b(im|i am) (confused|lost)\b|\bconfusing\b|\bplain english\b|\bsay (that|it) again\b|\bpardon\b|\bno (entiendo|comprendo)\b|\bne comprends pas\b|\bverstehe (ich )?nicht\b|\bnon capisco\b|^(huh|eh|what)\W*$/;
/** "what's a diuretic?", "what is claudication": a short question about a word. */
const WHAT_IS = /^(what|whats|wats|wat|what is|what are)\s+(a |an |the )?[\w-]+( [\w-]+)?\W*$/;

/**
 * "I don't understand", "what does that mean?" (`confused`), "what's a diuretic?" (`word`: it
 * names a finding without saying the person has it): other words, not an answer.
 */
export function asksWhatItMeans(text: string): 'confused' | 'word' | null {
  const t = text.toLowerCase().replace(/[’'`]/g, '').trim();
  // "what? no" and "what, yes" answer the question.
  if (WHAT_IS.test(t) && !/^\w+\W+(yes|yeah|yep|no|nope|nah|maybe|not sure)\W*$/.test(t)) return 'word';
  return CONFUSED.test(t) ? 'confused' : null;
}

/** "can I take ibuprofen?", "what foods have magnesium": a question of the person's own. */
export function isOwnQuestion(text: string): boolean {
  return (
    /\?\s*$/.test(text.trim()) ||
    /^(what|which|how|can|could|should|is|are|do|does|will|would|when)\b/i.test(text.trim())
  );
}

const MEANT =
  /\b(i meant|i mean|meant to (say|put|press|click|pick|tick)|wrong (one|button|answer)|(pressed|clicked|picked|ticked) the wrong( one| button| answer)?|my mistake)\b[\s,.:!-]*/i;

/**
 * "sorry I meant no", "oops, pressed the wrong one, none": the last answer, changed. Returns the
 * new answer's words, or null when the text is not such a correction.
 */
export function meantInstead(text: string): string | null {
  const m = MEANT.exec(text);
  if (!m) return null;
  const rest = text.slice(m.index + m[0].length).trim();
  return rest.length > 0 ? rest : null;
}

/** The text without the option labels it repeats (they answer the question and nothing else). */
export function withoutLabels(text: string, options: ReadonlyArray<{ label: string }>): string {
  let rest = text;
  for (const { label } of options) {
    rest = rest.replace(new RegExp(label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' , ');
  }
  return rest;
}
