/**
 * Everyday yes / no / not sure ("yeah", "nope", "no idea", "I don't think so"), read from the
 * start of a reply. Uncertainty is checked first so "not sure" and "no idea" are never a "no".
 */
import type { Choice } from '../vocabulary.js';
import { tokenize } from './normalize.js';

const UNSURE = [
  'not sure',
  'unsure',
  'dont know',
  'do not know',
  'dunno',
  'no idea',
  'idk',
  'maybe',
  'perhaps',
  'possibly',
  'not certain',
  'cant tell',
  'cant say',
  'hard to say',
  'hard to tell',
  'no clue',
  'not really sure',
  'im not sure',
  'i am not sure',
  'i dont know',
  'who knows',
  'might be',
  'could be',
  'kind of',
  'kinda',
  'sort of',
];
const NO = [
  'no',
  'nope',
  'nah',
  'n',
  'not really',
  'not at all',
  'never',
  'none',
  'negative',
  'nothing',
  'i dont',
  'i do not',
  'i dont think so',
  'dont think so',
  'it isnt',
  'it is not',
  'i havent',
  'not that',
  'not that i know',
  'not that im aware',
  'no way',
  'absolutely not',
  'definitely not',
  'of course not',
  'wrong',
  'incorrect',
  'false',
  'im not',
  'i am not',
  'it doesnt',
  'it does not',
  'i didnt',
  'it wasnt',
  'they arent',
  'they dont',
  'not me',
];
const YES = [
  'yes',
  'yeah',
  'yep',
  'yup',
  'ya',
  'yea',
  'y',
  'aye',
  'sure',
  'correct',
  'right',
  'thats right',
  'definitely',
  'absolutely',
  'of course',
  'indeed',
  'affirmative',
  'true',
  'i do',
  'i am',
  'im',
  'it is',
  'it does',
  'i have',
  'i did',
  'i think so',
  'think so',
  'probably',
  'uh huh',
  'mhm',
  'yes it is',
  'a bit',
  'a little',
  'a lot',
  'sometimes',
  'often',
  'always',
  'very',
  'ok',
  'okay',
];

const toSeq = (list: string[]) => list.map((p) => p.split(' ')).sort((a, b) => b.length - a.length);
const UNSURE_SEQ = toSeq(UNSURE);
const NO_SEQ = toSeq(NO);
const YES_SEQ = toSeq(YES);

const startsWith = (tokens: string[], at: number, seq: string[]) => seq.every((w, i) => tokens[at + i] === w);

/** The answer a free-text reply gives to a yes/no question, or null when it gives none. */
export function classifyAnswer(text: string): Choice | null {
  // A thumbs-up, a thumbs-down or a shrug is an answer too.
  const bare = text.trim();
  if (
    /^(\u{1F44D}|\u{1F44C}|\u2705|\u2714\uFE0F?)(\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})?\W*$/u.test(
      bare,
    )
  )
    return 'yes';
  if (/^(\u{1F44E}|\u274C|\u2716\uFE0F?)(\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})?\W*$/u.test(bare))
    return 'no';
  if (/\u{1F937}/u.test(bare)) return 'unsure';
  const tokens = tokenize(text);
  if (tokens.length === 0) return null;
  // Uncertainty anywhere in the first few words ("well, I'm not sure").
  for (let i = 0; i < Math.min(tokens.length, 6); i++) {
    if (UNSURE_SEQ.some((s) => startsWith(tokens, i, s))) return 'unsure';
  }
  // Skip fillers at the start ("well", "um", "hmm", "oh").
  let at = 0;
  while (
    at < tokens.length &&
    ['well', 'um', 'umm', 'hmm', 'hm', 'oh', 'er', 'uh', 'so', 'honestly'].includes(tokens[at]!)
  ) {
    at++;
  }
  const noSeq = NO_SEQ.find((s) => startsWith(tokens, at, s));
  const yesSeq = YES_SEQ.find((s) => startsWith(tokens, at, s));
  if (noSeq && (!yesSeq || noSeq.length >= yesSeq.length)) return 'no';
  if (yesSeq) return 'yes';
  return null;
}
