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
    // "when i walk" answers a question; "when should I see a doctor?" asks one (exploratory 6, U1).
    /^(what|which|how|can|could|should|is|are|do|does|will|would|when(?=\s+(?:do|does|did|will|should|can|could|is|are|was|would|might|shall)\b))\b/i.test(
      text.trim(),
    )
  );
}

/**
 * Where one message takes back what it began with ("2 - no wait sorry, none of them", "yes,
 * actually no"): the words after the last such marker, which win. Null when nothing is taken
 * back, or nothing came before the marker ("sorry I meant no" changes the last answer instead).
 */
const TAKEN_BACK =
  /\b(?:no,? wait|wait,? no|sorry,? i meant|sorry,? i mean|i meant|scratch that|oops|actually,? no(?=\s*[,.;:!-]|\s*$))\b/gi;
const FILLER_ONLY = /^(?:\W|\b(?:oh|um+|uh|ah|hmm*|sorry|ok|okay|so|well|er)\b)*$/i;

export function takenBack(text: string): string | null {
  const last = [...text.matchAll(TAKEN_BACK)].at(-1);
  if (!last) return null;
  if (FILLER_ONLY.test(text.slice(0, last.index))) return null;
  let rest = text.slice(last.index + last[0].length);
  // "2, no wait, sorry, I meant none": the fillers after the marker are not the answer.
  rest = rest.replace(/^(?:\W|\b(?:sorry|i meant|i mean|wait|oh|um+|uh)\b)+/i, '').trim();
  // "yes, actually no" and "yes wait no": the marker's own "no" is the answer.
  if (rest.length === 0 && /\bno$/i.test(last[0])) return 'no';
  return rest.length > 0 ? rest : null;
}

/** "i typed 2 by mistake", "pressed yes by accident": the part of a message that names a slip. */
const SLIP_SOURCE =
  '[^.,;!?]*\\b(?:typed|pressed|clicked|picked|ticked|chose|put|hit|selected|said|answered)\\b[^.,;!?]*\\bby (?:mistake|accident)\\b[^.,;!?]*[.,;!?]*';
const SLIP = new RegExp(SLIP_SOURCE, 'i');
const SLIPS = new RegExp(SLIP_SOURCE, 'gi');
/** "no, I said none", "like I said, no": a restatement, before the answer it restates. */
const RESTATED =
  /^[\s,.!-]*(?:(?:no|nope|nah)\b[\s,.!-]*)?(?:like )?i (?:already |just )?(?:said|told you|answered)\b( that)?[\s,.:!-]*/i;

/** The answer without "I said" in front ("i said no to 2 already. no to both" → "no to 2 ..."). */
export function withoutRestating(text: string): string {
  const rest = text.replace(RESTATED, '');
  return rest.trim().length > 0 ? rest : text;
}

const MEANT =
  /\b(i meant|i mean|meant to (say|put|press|click|pick|tick)|wrong (one|button|answer)|(pressed|clicked|picked|ticked) the wrong( one| button| answer)?|my mistake)\b[\s,.:!-]*/i;

/**
 * "sorry I meant no", "oops, pressed the wrong one, none": the last answer, changed. Returns the
 * new answer's words, or null when the text is not such a correction.
 */
export function meantInstead(text: string): string | null {
  const m = MEANT.exec(text);
  if (m) {
    const rest = text.slice(m.index + m[0].length).trim();
    return rest.length > 0 ? rest : null;
  }
  // "no i said none, i didn't faint. i typed 2 by mistake": the slip goes, the rest is the answer.
  if (!SLIP.test(text)) return null;
  const rest = text.replace(SLIPS, ' ').replace(RESTATED, '').trim();
  return rest.length > 0 ? rest : null;
}

/** "i typed 2 by mistake": a message that says the last answer was a slip. */
export const namesASlip = (text: string): boolean => SLIP.test(text);

/** Each option label's pattern, built once: labels come from the knowledge, so there are few. */
const labelPatterns = new Map<string, RegExp>();
const LABEL_PATTERNS_MAX = 2000;
const labelPattern = (label: string): RegExp => {
  let re = labelPatterns.get(label);
  if (!re) {
    re = new RegExp(label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    if (labelPatterns.size < LABEL_PATTERNS_MAX) labelPatterns.set(label, re);
  }
  return re;
};

/** The text without the option labels it repeats (they answer the question and nothing else). */
export function withoutLabels(text: string, options: ReadonlyArray<{ label: string }>): string {
  let rest = text;
  // replace() with a global pattern starts from 0 and leaves lastIndex at 0: sharing it is safe.
  for (const { label } of options) rest = rest.replace(labelPattern(label), ' , ');
  return rest;
}

/**
 * "do i really need to go today?", "i only said idk because i never timed them", "can it wait?":
 * the person doubts the advice, or says an answer was a guess.
 */
const DOUBTS =
  /\b(?:do|must|should) i (?:really |actually |seriously |honestly )?(?:need|have|got) to (?:go|see|call|ring)\b|\b(?:is|it'?s|its) (?:it |this |that )?(?:really|that|actually|seriously) (?:serious|urgent|bad|necessary|needed)\b|\bare you (?:sure|serious)\b|\b(?:i )?only (?:said|put|picked|answered|chose) (?:idk|not sure|unsure|maybe|yes)\b|\bi (?:just )?(?:said|put|picked) (?:idk|not sure|unsure) (?:because|cos|coz|as)\b|\bover ?react|\boverkill\b|\b(?:can|could) (?:it|this|that) (?:wait|not wait)\b|\bwait (?:until|till|til) (?:tomorrow|monday|the morning|next week)\b|\b(?:really|seriously)\s*\?|\bno need to go\b/i;

export const doubtsTheAdvice = (text: string): boolean => DOUBTS.test(text.replace(/[’`]/g, "'"));

/** "is that bad?", "is this serious?", "should I be worried?": how serious it is. */
export const asksHowSerious = (text: string): boolean =>
  /\b(?:is|it'?s|its) (?:it|this|that) (?:bad|serious|dangerous|urgent|an emergency)\b|\bshould i (?:be )?(?:worried|worry|panic)\b|\bhow (?:bad|serious|urgent) is (?:it|this|that)\b/i.test(
    text.replace(/[’`]/g, "'"),
  );

/** "what number do I call?", "whats the ambulance number", "number to ring?": asking for the number. */
const ASKS_NUMBER =
  /\b(?:what|which|whats|what'?s|wat)\b[^.?!]{0,30}\bnumber\b|\b(?:emergency|ambulance|ambo)\s+number\b|\bnumber\s+(?:do|should|to|for|can)\s+(?:i\s+|we\s+)?(?:call|ring|dial|phone|use)\b/i;
export const asksForTheNumber = (text: string): boolean => ASKS_NUMBER.test(text);

/** "stop", "cancel", "quit", "bye", "end chat": the whole message asks to end the check. */
const STOP =
  /^\s*(?:ok(?:ay)?[\s,]+)?(?:please\s+)?(?:stop|cancel|quit|exit|end|bye|goodbye|bye bye|stop it|stop this|stop asking|end chat|end this|cancel this|cancel it|never mind|nevermind|nvm|forget it)(?:\s+(?:please|pls|now|thanks|thx))?\s*[.!]*\s*$/i;
export const asksToStop = (text: string): boolean => STOP.test(text);

/** "what data do you keep?", "who can see this chat?", "is this stored?": asking about privacy. */
const PRIVACY =
  /\b(?:what|which)\b[^.?!]{0,25}\b(?:data|info|information|details)\b[^.?!]{0,25}\b(?:keep|store|save|collect|have)\b|\b(?:do|will|did) you (?:keep|store|save|record|log)\b|\bwho can (?:see|read)\b|\bis (?:this|it|my data|my info) (?:stored|saved|kept|private|recorded)\b|\bhow long do you (?:keep|store)\b|\bwhat do you (?:keep|store|save) about me\b|\bprivacy\b/i;
export const asksAboutPrivacy = (text: string): boolean => PRIVACY.test(text);

/**
 * "does that matter?", "is that a problem?", "so is it fine?", "am I ok?": asking whether what they
 * said (or the answer) changes anything.
 */
const ASKS_IF_IT_MATTERS =
  /\b(?:does|would|will|could) (?:that|it|this) (?:matter|change|make a difference)\b|\bis (?:that|it|this) (?:a problem|ok|okay|important|relevant|fine|alright|all right|normal)\b|\bam i (?:ok|okay|fine|alright|all right)\b|\bshould i (?:be )?(?:worried|concerned)\b/i;
export const asksIfItMatters = (text: string): boolean => ASKS_IF_IT_MATTERS.test(text);
