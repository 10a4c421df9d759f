/**
 * Negation and uncertainty scope in the NegEx tradition: a trigger shortly before a finding,
 * within the same clause, flips it to "no" ("no swelling", "I don't take statins", "not
 * pregnant") or to "unsure" ("not sure if it's swollen", "maybe a bit swollen").
 */

const SCOPE_WORDS_MAX = 6;

/** Multi-word triggers first so "not sure" wins over "not". */
const UNCERTAIN: string[][] = [
  ['not', 'sure'],
  ['unsure'],
  ['dont', 'know', 'if'],
  ['dont', 'know', 'whether'],
  ['no', 'idea', 'if'],
  ['no', 'idea', 'whether'],
  ['not', 'certain'],
  ['maybe'],
  ['perhaps'],
  ['possibly'],
  ['might', 'be'],
  ['could', 'be'],
  ['cant', 'tell', 'if'],
  ['hard', 'to', 'tell'],
];

const NEGATIVE: string[][] = [
  ['no'],
  ['not'],
  ['nor'],
  ['neither'],
  ['never'],
  ['without'],
  ['none'],
  ['nothing'],
  ['dont'],
  ['doesnt'],
  ['didnt'],
  ['havent'],
  ['hasnt'],
  ['hadnt'],
  ['isnt'],
  ['arent'],
  ['wasnt'],
  ['werent'],
  ['wont'],
  ['denies'],
  ['deny'],
  ['free', 'of'],
  ['ruled', 'out'],
  ['stopped', 'taking'],
  ['no', 'longer'],
  // "can't see any swelling" denies the swelling ("can't walk on it" is said: no trigger there)
  ['cant', 'see'],
  ['cannot', 'see'],
  ['couldnt', 'see'],
  ['can', 'not', 'see'],
];

/** Single words that negate what follows; a phrasing's `...` gap may not skip over one. */
export const NEGATION_WORDS: ReadonlySet<string> = new Set(
  NEGATIVE.filter((seq) => seq.length === 1).map((seq) => seq[0]!),
);

/** Words that look like triggers but are not ("not only", "no doubt"). */
const PSEUDO: string[][] = [
  ['not', 'only'],
  ['no', 'doubt'],
  ['not', 'just'],
  ['no', 'matter'],
  ['nothing', 'but'],
  ['no', 'idea', 'why'],
  ['dont', 'know', 'why'],
  ['not', 'sure', 'why'],
  ['no', 'reason'],
  // "she's not herself, gaining weight" says she is unwell, and denies nothing after it
  ['not', 'herself'],
  ['not', 'himself'],
  ['not', 'myself'],
  ['not', 'themselves'],
  ['not', 'well'],
  ['not', 'feeling', 'well'],
  ['not', 'feeling', 'great'],
  ['not', 'feeling', 'right'],
  // "her kidneys aren't great, stage 3": a judgement, not a denial of what follows
  ...['not', 'arent', 'isnt', 'wasnt'].flatMap((neg) =>
    ['great', 'good', 'brilliant', 'working'].map((word) => [neg, word]),
  ),
  // "my legs won't stay still at night" is restlessness, not a denial of night
  ['wont', 'stay', 'still'],
  ['wont', 'keep', 'still'],
  ['wont', 'settle'],
  ['cant', 'keep', 'still'],
  ['cant', 'keep', 'them', 'still'],
  ['cant', 'keep', 'my', 'legs', 'still'],
  ['cant', 'sit', 'still'],
  ['cant', 'stop', 'moving'],
  ['cant', 'get', 'comfortable'],
  ['cant', 'sleep'],
  ['couldnt', 'sleep'],
  ['cant', 'wait'],
];

const startsWith = (tokens: string[], at: number, seq: string[]) => seq.every((w, i) => tokens[at + i] === w);
/** Every word a trigger can start with: any other word starts none, so it is passed over at once. */
const FIRST_WORDS = new Set([...UNCERTAIN, ...NEGATIVE, ...PSEUDO].map((seq) => seq[0]!));

export type Polarity = 'yes' | 'no' | 'unsure';

/**
 * Words that end a trigger's reach: "I didn't drink enough during the hike" denies the
 * drinking, not the hike. ("on" is deliberately absent: "not on the pill" must stay negated.)
 */
const TERMINATORS = new Set([
  'after',
  'during',
  'when',
  'while',
  'since',
  'because',
  'before',
  'until',
  'till',
  'til',
  'cause',
  'as',
  'besides',
  // "no water tablets, just the pill": what follows "just" or "only" is said, not denied.
  'just',
  'only',
  // "nothing like that except my calf is a bit warm", "not swollen but red": what follows is said.
  'except',
  'but',
  'though',
  'although',
  'however',
]);
/** Two-word terminators: "no meds apart from metformin" does not deny the metformin. */
const TERMINATOR_PAIRS: string[][] = [
  ['apart', 'from'],
  ['other', 'than'],
  ['aside', 'from'],
  ['except', 'for'],
];

/**
 * The polarity of a finding matched at tokens[start..end) within one clause. Only triggers
 * before `start` count (a phrasing may itself contain "not", which must not negate itself).
 */
/**
 * Words that join a new item to a denied one: "no swelling and short of breath". For a warning
 * sign the denial does not reach past one (clinical safety: "not swollen and short of breath"
 * says the breathlessness); "or" and "nor" still carry it ("no swelling or chest pain").
 */
const JOINERS = new Set(['and', 'plus', 'n', 'also']);

export function polarityAt(tokens: string[], start: number, warningSign = false): Polarity {
  const from = Math.max(0, start - SCOPE_WORDS_MAX - 2);
  let result: Polarity = 'yes';
  // Where the last denial's own words end, and whether a joiner came after more words.
  let deniedAt = -1;
  let joined = false;
  for (let i = from; i < start; i++) {
    if (TERMINATORS.has(tokens[i]!) || TERMINATOR_PAIRS.some((p) => startsWith(tokens, i, p))) {
      result = 'yes';
      continue;
    }
    if (warningSign && result === 'no' && JOINERS.has(tokens[i]!) && i > deniedAt) joined = true;
    if (!FIRST_WORDS.has(tokens[i]!)) continue;
    if (PSEUDO.some((p) => startsWith(tokens, i, p))) continue;
    const unsure = UNCERTAIN.find((u) => startsWith(tokens, i, u));
    if (unsure && i + unsure.length <= start && start - (i + unsure.length) <= SCOPE_WORDS_MAX) {
      result = 'unsure';
      i += unsure.length - 1;
      continue;
    }
    const neg = NEGATIVE.find((n) => startsWith(tokens, i, n));
    if (neg && i + neg.length <= start && start - (i + neg.length) <= SCOPE_WORDS_MAX) {
      // "I don't know if..." was caught above; a plain negation wins over an earlier "maybe".
      result = 'no';
      i += neg.length - 1;
      deniedAt = i + 1;
      joined = false;
    }
  }
  if (result !== 'no') return result;
  if (joined) return 'yes';
  // "never been breathless in my life until today", "no swelling till this morning": it began.
  for (let i = start + 1; i < tokens.length && i <= start + SCOPE_WORDS_MAX + 2; i++)
    if (UNTIL.has(tokens[i]!)) return 'yes';
  return 'no';
}

const UNTIL = new Set(['until', 'till', 'til', 'untill']);

/**
 * A clause that only says "it is so" ("... but I am today", "but I do now", "it is now"): after a
 * denial in the clause before, it takes the denial back ("I'm not usually breathless but I am today").
 */
const AFFIRMS =
  /^(?:(?:now|today|lately|recently) )?(?:i am|im|i do|i have|ive got|it is|its|it does|they are|theyre|they do|there is|theres)(?: (?:now|today|lately|recently|this week|at the moment|atm|tho|though|a bit|really))*$/;
export const affirmsAgain = (tokens: readonly string[]): boolean => AFFIRMS.test(tokens.join(' '));

/**
 * A clause that hedges a denial just made ("no chest pain. well, a little when I breathe in",
 * "not really breathless, maybe a little", "no pain, well a bit"): the sign is there after all
 * (exploratory test 6, S4). Said about a warning sign, a little of it is still the sign.
 */
const HEDGES =
  /^(?:(?:well|actually|maybe|but|though|tho|ok|okay|hmm|um|erm|tbh|i mean|now i think)\s+)*(?:a little|a lil|a bit|a tad|a touch|slightly|kind of|kinda|sort of|sorta|somewhat|yes|yeah|yep|yh|some|a few|now and then|sometimes)\b/;
export const hedgesAgain = (tokens: readonly string[]): boolean => HEDGES.test(tokens.join(' '));

/** "well", "actually", "hmm": a clause of its own that says nothing ("no chest pain. well, a bit"). */
const FILLER = /^(?:well|actually|hmm+|um+|erm|ok|okay|tbh|so|like|i mean|lol)$/;
export const onlyFiller = (tokens: readonly string[]): boolean =>
  tokens.length > 0 && FILLER.test(tokens.join(' '));
