/**
 * Text → clauses of normalised tokens. Lower-case, apostrophes dropped ("don't" → "dont"),
 * control characters and punctuation removed, common typos fixed, light plural folding so
 * "calves" matches "calf" and "legs" matches "leg".
 */

/** Misspellings and variants people actually type → the word the lexicon uses. */
const TYPOS: Record<string, string> = {
  calfs: 'calves',
  calfes: 'calves',
  claves: 'calves',
  calvs: 'calves',
  clafs: 'calves',
  caf: 'calf',
  nite: 'night',
  nites: 'nights',
  nighttime: 'night',
  nightime: 'night',
  cramping: 'cramping',
  crmaps: 'cramps',
  cramsp: 'cramps',
  swolen: 'swollen',
  swolled: 'swollen',
  sweling: 'swelling',
  diarhea: 'diarrhea',
  diarrea: 'diarrhea',
  diarhoea: 'diarrhoea',
  diahrrea: 'diarrhea',
  diareah: 'diarrhea',
  excercise: 'exercise',
  exersize: 'exercise',
  excersise: 'exercise',
  exercize: 'exercise',
  magnesuim: 'magnesium',
  magnisium: 'magnesium',
  potasium: 'potassium',
  potassuim: 'potassium',
  vitamine: 'vitamin',
  vitamen: 'vitamin',
  vit: 'vitamin',
  pregnat: 'pregnant',
  pregant: 'pregnant',
  preggers: 'pregnant',
  surgey: 'surgery',
  sugery: 'surgery',
  breath: 'breath',
  breathe: 'breathe',
  tireded: 'tired',
  tird: 'tired',
  numbnes: 'numbness',
  statins: 'statins',
  medecine: 'medicine',
  medicin: 'medicine',
  meds: 'medicines',
  legz: 'legs',
  hurst: 'hurts',
  hurrts: 'hurts',
  u: 'you',
  ur: 'your',
  im: 'im',
  ive: 'ive',
  dont: 'dont',
  doesnt: 'doesnt',
  havent: 'havent',
  didnt: 'didnt',
  isnt: 'isnt',
  wasnt: 'wasnt',
  arent: 'arent',
  cant: 'cant',
  cannot: 'cant',
  couldnt: 'cant',
  yeh: 'yeah',
  yah: 'yeah',
  ye: 'yes',
  yess: 'yes',
  yesss: 'yes',
  noo: 'no',
  nop: 'nope',
  dunno: 'dunno',
  wakin: 'waking',
  cryin: 'crying',
  hurtin: 'hurting',
  achin: 'aching',
  crampin: 'cramping',
  walkin: 'walking',
  runnin: 'running',
  tinglin: 'tingling',
  swellin: 'swelling',
};

/** TYPOS as a Map: own keys only, so a word such as "constructor" finds nothing. */
const TYPO_FIXES: ReadonlyMap<string, string> = new Map(Object.entries(TYPOS));

/** Fold simple plurals so both sides of a comparison agree ("calves" → "calf", "legs" → "leg"). */
export function fold(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ves')) return `${word.slice(0, -3)}f`;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    return word.slice(0, -1);
  }
  return word;
}

/** Characters that are never text: C0/C1 controls (except newline and tab), bidi overrides, zero-width. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function stripControl(text: string): string {
  return text.replace(CONTROL, '');
}

/** Any character outside ASCII (NFKC leaves ASCII text as it is, so it is skipped for that). */
const NOT_ASCII = /[^\u0000-\u007f]/;

export function tokenize(text: string): string[] {
  const stripped = stripControl(text);
  const cleaned = (NOT_ASCII.test(stripped) ? stripped.normalize('NFKC') : stripped)
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/'/g, '')
    .replace(/[^a-z0-9\s]+/g, ' ');
  return cleaned
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => TYPO_FIXES.get(w) ?? w);
}

/** Words that end the scope of a negation or a finding ("no swelling but it is red"). */
const CLAUSE_BREAKERS = new Set([
  'but',
  'however',
  'although',
  'though',
  'except',
  'yet',
  'whereas',
  'while',
]);
/** "and" or "so" ends a clause when a new subject follows ("no swelling and my calf is red",
 * "my sister had a DVT so I'm a bit paranoid"). */
const NEW_SUBJECT = new Set([
  'i',
  'im',
  'ive',
  'my',
  'it',
  'its',
  'the',
  'now',
  'then',
  'since',
  'they',
  'she',
  'he',
  'hes',
  'shes',
  'theyre',
  'his',
  'her',
]);

/** Split into clauses at punctuation and clause-breaking words; each clause is a token list. */
/**
 * "none, short of breath tho", "nothing like that, my foot is cold": a leading answer word and its
 * comma end a clause, so the "none" denies nothing after it. "+" and "&" join like "and".
 */
const LEADING_ANSWER =
  /^\s*(?:none(?: of (?:them|these|those|that|the above))?|nothing(?: like that)?|no|nope|nah|not really|neither)\s*[,;]\s*/i;

/**
 * Commas after a denial. "no pop, no swelling, coughing blood": after two items each denied with
 * its own "no", an item without one is said, not denied. "no swelling, short of breath", "not
 * swollen, can't walk on it": one denial then a comma and no "or"/"nor" to come in the sentence is
 * not a list, so what follows the comma is said (session 8: a warning sign after such a comma was
 * read as denied). "no swelling, redness or warmth" still denies all three: the "or" makes it a
 * list. The comma before a said item ends the clause.
 */
const DENIAL_IN =
  /\b(?:no|not|never|none|without|nothing|nor|neither|dont|doesnt|didnt|isnt|arent|wasnt|werent|havent|hasnt|hadnt|wont)\b|n't\b/i;
const LIST_END = /\b(?:or|nor)\b/i;
const SENTENCE_END = /[.;:!?\n\u2026]/;

function afterDenials(text: string): string {
  const segments = text.split(/,/);
  if (segments.length < 2) return text;
  const denies = (s: string) => /^\s*(?:no|not|never|none|without|nothing)\b/i.test(s);
  /** A segment that denies something itself ("don't have chest pain"); "can't walk" is a sign. */
  const deniesItself = (s: string) =>
    /^\s*(?:no|not|never|none|without|nothing|nor|neither|(?:do|does|did|is|are|was|were|have|has|had)(?:n'?t|\s+not))\b/i.test(
      s,
    );
  /** The part of a segment after its last sentence end: what a comma after it continues. */
  const tail = (s: string) => s.split(SENTENCE_END).pop() ?? s;
  /** The rest of the sentence from segment i on, up to its end. */
  const restOfSentence = (i: number) => {
    let rest = '';
    for (let j = i; j < segments.length; j++) {
      const end = segments[j]!.search(SENTENCE_END);
      if (end >= 0) return rest + segments[j]!.slice(0, end);
      rest += `${segments[j]!},`;
    }
    return rest;
  };
  let out = segments[0]!;
  for (let i = 1; i < segments.length; i++) {
    const here = segments[i]!;
    const afterTwo = i >= 2 && denies(segments[i - 1]!) && denies(segments[i - 2]!) && !denies(here);
    const afterOne =
      DENIAL_IN.test(tail(segments[i - 1]!)) && !deniesItself(here) && !LIST_END.test(restOfSentence(i));
    out += afterTwo || afterOne ? `.${here}` : `,${here}`;
  }
  return out;
}

export function clauses(text: string): string[][] {
  const clean = stripControl(text);
  const lead = LEADING_ANSWER.exec(clean);
  const joined = (
    lead ? `${lead[0].replace(/[,;]\s*$/, '')}. ${clean.slice(lead[0].length)}` : clean
  ).replace(/\s[+&]\s/g, ' and ');
  const parts = afterDenials(joined).split(
    // A comma ends a clause before a conjunction or a new subject ("not sure, it's only his left
    // leg": the doubt does not reach the leg), or a hedge ("no chest pain, well a bit": exploratory
    // test 6, S4).
    // A dash between words ("not herself – wearing a jumper") ends one too; "3 - 4 weeks" does not.
    /[.;:!?\n\u2026]+|,\s*(?=(?:but|however|although|though|and|so|i|i'?m|i'?ve|it'?s|it|he'?s|he|she'?s|she|they|my|well|actually|maybe|just|only|except|apart)\b|[^,.;!?\n]*\b(?:though|tho)\b\s*(?:[.!?\n]|$))|(?<!\d)\s+[-\u2013\u2014]+\s+(?!\d)|[\u2013\u2014]/i,
  );
  const out: string[][] = [];
  for (const part of parts) {
    let current: string[] = [];
    const tokens = tokenize(part);
    tokens.forEach((t, i) => {
      const next = tokens[i + 1];
      if (
        CLAUSE_BREAKERS.has(t) ||
        ((t === 'and' || t === 'so') && next !== undefined && NEW_SUBJECT.has(next))
      ) {
        if (current.length) out.push(current);
        current = [];
        return;
      }
      current.push(t);
    });
    if (current.length) out.push(current);
  }
  return out;
}
