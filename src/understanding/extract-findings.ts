/**
 * Free text → findings with polarity. "My left calf is swollen, I don't take statins" gives
 * one_leg_swollen: yes, statin_use: no. Within a clause a present mention wins over a negated
 * one, so an unclear sentence never talks a red flag away.
 */

import type { Knowledge } from '../knowledge/schema.js';
import type { Choice } from '../vocabulary.js';
import { correctTokens } from './fuzzy.js';
import {
  ANSWER_DENIAL,
  clauseIndexOf,
  type IndexedPhrase,
  type LexiconEntry,
  lexiconOf,
  PHRASE,
  STEM,
} from './lexicon.js';
import { affirmsAgain, hedgesAgain, onlyFiller, polarityAt } from './negation.js';
import { clauses, fold } from './normalize.js';
import { type CompiledPhrase, hasPhrase, mayOccur, occursAt, pushStarts } from './phrase.js';
import { readAge } from './read-age.js';
import { clausesAboutOthers } from './someone-else.js';

const RANK: Record<Choice, number> = { no: 0, unsure: 1, yes: 2 };
const FEVER =
  /\b(?:3[89]|4[0-2])[.,]\d\s*(?:°\s*c?|c\b|degrees)?|\b(?:3[89]|4[0-2])\s*(?:°\s*c?|degrees c|c\b)|\b(?:10[0-5])(?:[.,]\d)?\s*(?:°\s*f?|f\b|degrees f)/i;

/**
 * One cramp that has lasted more than 10 minutes, however it is written: "cramping for 3 hours",
 * "a cramp in my calf for 45 minutes", "in cramp all afternoon", "cramp since 6am, still there".
 * Days and weeks are how long the problem has gone on, not one cramp ("cramps for 3 weeks").
 */
const CRAMP_WORD = /\b(?:cramp\w*|charl(?:ey|ie) horse|spasm\w*|seized up|seizing up)\b/i;
const LONG_CRAMP =
  /\bfor\s+(?:(?:over|more than|about|around|nearly|almost|like)\s+)?(?:(\d+)\s*(?:min|mins|minutes?)|(?:\d+|an?|one|two|three|four|five|six|several|a few|a couple of)\s*(?:hrs?|hours?)|half an? hour|hours)\b|\ball\s+(?:morning|afternoon|evening|night|day)\b|\bsince\s+(?:\d{1,2}\s*(?:am|pm)?|this morning|lunch(?:time)?|breakfast|last night)\b[^.!?]*\bstill\b/i;
/**
 * "a cramp in the night that lasted about 20 minutes", "a calf cramp that went on for about half an
 * hour": how long it lasted, said later in the cramp's own sentence (clinical review 7, R14).
 * Minutes count over 10 ("15-20 minutes": the larger); word numbers from fifteen up count.
 */
const LASTED =
  /\b(?:lasted|lasting|lasts|last for|went on|goes on|going on|kept going|keeps going|kept on|carried on)\s+(?:for\s+)?(?:(?:over|more than|about|around|roughly|nearly|almost|like|maybe|at least|a good|a solid|easily)\s+)*(?:(\d+)\s*(?:(?:-|to)\s*(\d+)\s*)?(?:min|mins|minutes?)\b|(?:fifteen|twenty|thirty|forty|forty[- ]five|fifty|sixty)\s+(?:min|mins|minutes?)\b|(?:\d+|an?|one|two|three|four|five|six|several|a few|a couple of)\s*(?:hrs?|hours?)\b|half an? hour\b|hours\b)/gi;
/** Words between the cramp and "lasted" that say something else lasted: "cramped in a run that lasted 2 hours". */
const OTHER_THING_LASTED =
  /\b(?:run|race|match|game|walk|hike|session|class|shift|flight|drive|ride|marathon|workout|training|swim|party|dance|meeting|film|movie|trip|journey)\b/i;
const NEGATED_BEFORE = /\b(?:didnt|didn't|never|doesnt|doesn't|dont|don't|not|wont|won't|hasnt|hasn't)\s+$/i;
const lastedInSentence = (sentence: string): boolean => {
  const cramp = CRAMP_WORD.exec(sentence);
  if (!cramp) return false;
  const from = cramp.index + cramp[0].length;
  for (const m of sentence.slice(from).matchAll(LASTED)) {
    const at = from + (m.index ?? 0);
    if (OTHER_THING_LASTED.test(sentence.slice(from, at))) continue;
    if (NEGATED_BEFORE.test(sentence.slice(Math.max(0, at - 12), at))) continue;
    const minutes = Math.max(Number(m[1] ?? 0), Number(m[2] ?? 0));
    if (m[1] !== undefined && minutes <= 10) continue;
    return true;
  }
  return false;
};
const isLongCramp = (text: string): boolean => {
  if (text.split(/[.!?\n]+/).some(lastedInSentence)) return true;
  const cramp = CRAMP_WORD.exec(text);
  if (!cramp) return false;
  // The duration belongs to the cramp: it follows it closely ("danced all day ... calves seize" does not).
  // ... and in its own sentence: "cramps mostly at night. obvs weeing all day" is not (holdout 20).
  const near = text.slice(cramp.index, cramp.index + cramp[0].length + 40);
  const after = near.slice(0, near.search(/[.!?\n]|$/));
  const m = LONG_CRAMP.exec(after);
  return m !== null && (m[1] === undefined || Number(m[1]) > 10);
};

/** "32 weeks and ...", "26 wks with twins", "I'm 30+2 weeks", "20 weeks pregnant": a pregnancy's weeks. */
const GESTATION_OPENING =
  /^\s*(?:i'?m\s+|i am\s+|at\s+)?(\d{1,2})\s*(?:\+\s*\d\s*)?(?:weeks?|wks?|wk)\b(?!\s*(?:ago|old|now|later|since|of|in a row|back|before|after))/i;
const GESTATION_STATED =
  /\b(\d{1,2})\s*(?:\+\s*\d\s*)?(?:weeks?|wks?)\s+(?:pregnant|along|gone|preg|with\s+(?:bub|baby|twins|number|no\b|#|my\s+(?:first|1st|second|2nd|third|3rd)))/i;
/** "I'm 38+2", "at 36+5": weeks and days, the way a midwife writes them (exploratory test 6, S3). */
const GESTATION_PLUS =
  /(?:^|\bi['\u2019]?m\s+|\bi am\s+|\bat\s+|\bnow\s+|\bcurrently\s+)(\d{1,2})\s*\+\s*[0-6](?![\d.,]?\d)(?:\s*(?:weeks?|wks?|w)\b)?/i;
/** "7 months pregnant", "6 months along", "7 months gone". */
const GESTATION_MONTHS =
  /\b([1-9]|one|two|three|four|five|six|seven|eight|nine)\s*(?:months?|mths?|mos?)\s+(?:pregnant|along|gone|preg)\b/i;
/** "due in 3 weeks", "I'm due next month", "baby's due on the 12th": a pregnancy, not a bill. */
const DUE_DATE =
  /(?:^\s*|\b(?:i['\u2019]?m|i am|we['\u2019]?re|we are|baby['\u2019]?s|baby is|bub['\u2019]?s|bub is)\s+)due\s+(?:in\s+(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|a few|a couple of)\s*(?:days?|weeks?|wks?|months?)|on\s+the\b|next\s+(?:week|month)|any day|with\b)/i;
/** Asked about pregnancy, "yh 32 weeks" answers it. */
const GESTATION_ANSWER =
  /\b(\d{1,2})\s*(?:\+\s*\d\s*)?(?:weeks?|wks?)\b(?!\s*(?:ago|old|since|of|in a row|back))/i;
const pregnancyWeeks = (m: RegExpExecArray | null) => m !== null && Number(m[1]) >= 4 && Number(m[1]) <= 42;
/** A pregnancy said with numbers or a due date, whatever the phrasings say. */
const pregnantByNumbers = (text: string, asked: boolean): boolean =>
  pregnancyWeeks(GESTATION_OPENING.exec(text)) ||
  pregnancyWeeks(GESTATION_STATED.exec(text)) ||
  pregnancyWeeks(GESTATION_PLUS.exec(text)) ||
  GESTATION_MONTHS.test(text) ||
  DUE_DATE.test(text) ||
  (asked && pregnancyWeeks(GESTATION_ANSWER.exec(text)));

/**
 * "calf. right. sore since mon", "calf thing. left.": a side said by itself just after the calf
 * or leg is one calf (exploratory test 6, U8). "right." alone, with no calf before it, is not.
 */
const SIDE_AFTER_CALF =
  /\b(?:calf|calves|leg)\b[^.!?,;:]{0,15}[.,;:!]\s*(?:the\s+|my\s+)?(?:left|right)(?:\s+(?:one|side|leg|calf))?\s*(?:[.,;:!]|$)/i;

export interface ExtractOptions {
  /** The findings the question being answered asks about (a bare "64" answers an age question). */
  expecting?: readonly string[];
  /** What the conversation already holds: a finding's `context_findings` said yes are its context. */
  known?: Readonly<Record<string, Choice>>;
}

/** Breath words within a few words of a recent start ("since yesterday", "suddenly"). */
const NEW_BREATHLESSNESS =
  /\b(breath\w*|puff\w*|winded)\b[^.!?]{0,40}\b(since (yesterday|last night|this morning|today|the weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|suddenly|all of a sudden|out of nowhere|just started|started (yesterday|today|last night))\b|\b(suddenly|all of a sudden|since (yesterday|last night|this morning|today))\b[^.!?]{0,40}\b(breath\w*|puff\w*|winded)\b/i;

/** How many items of a list finding, denied one by one, make a "no" to the whole list. */
const LIST_DENIALS_MIN = 3;

/** Whether the phrase occurs in the clause somewhere it is not denied ("no swelling" is not). */
function saidIn(
  phrase: CompiledPhrase,
  tokens: string[],
  folded: string[],
  present: ReadonlySet<string>,
): boolean {
  if (!mayOccur(phrase, folded, present)) return false;
  for (let start = 0; start < tokens.length; start++)
    if (occursAt(phrase, tokens, folded, start) && polarityAt(tokens, start) === 'yes') return true;
  return false;
}

export function extractFindings(
  text: string,
  knowledge: Knowledge,
  options: ExtractOptions = {},
): Map<string, Choice> {
  return extractFindingsAndAge(text, knowledge, options).found;
}

/**
 * The findings, and the age the text gives for the person with the sore calves (null when none):
 * a child's upper limits go by it ("my 6 year old takes 400mg magnesium").
 */
export function extractFindingsAndAge(
  text: string,
  knowledge: Knowledge,
  options: ExtractOptions = {},
): { found: Map<string, Choice>; age: number | null } {
  const found = new Map<string, Choice>();
  const read = clauses(text).map((typed) => {
    const tokens = correctTokens(typed, knowledge);
    const folded = tokens.map(fold);
    return { tokens, folded, present: new Set(folded) };
  });
  // "My husband's on Lipitor ... I'm 52": what is said of someone else is not the writer's.
  const others = clausesAboutOthers(read.map((c) => c.folded));
  const all = others.size ? read.filter((_, i) => !others.has(i)) : read;
  // A finding with a `context` counts only when the message says one of its context phrases.
  // Age is read from numbers, not phrasings: it settles both age findings (and is context: "5yo").
  const aboutAge = options.expecting?.some((f) => f === 'age_60_plus' || f === 'child_under_16') ?? false;
  const age = readAge(others.size ? all.map((c) => c.tokens.join(' ')).join(', ') : text, aboutAge);
  // Weeks, "38+2" or a due date say a pregnancy: that is context for its warning signs in the
  // same message ("due in 3 weeks ... a pounding headache").
  const aboutPregnancy = options.expecting?.includes('pregnant') ?? false;
  const pregnancyInNumbers = knowledge.findings.has('pregnant') && pregnantByNumbers(text, aboutPregnancy);
  const known = (f: string) =>
    options.known?.[f] === 'yes' ||
    (f === 'pregnant' && pregnancyInNumbers) ||
    (age !== null && ((f === 'child_under_16' && age < 16) || (f === 'age_60_plus' && age >= 60)));
  const inContext = (entry: LexiconEntry) =>
    entry.context.length === 0 ||
    entry.contextFindings.some(known) ||
    entry.context.some((c) => all.some((cl) => saidIn(c, cl.tokens, cl.folded, cl.present)));
  const contextOk = new Map<string, boolean>();
  // Items of a list finding denied one by one ("not on the pill, no surgery, haven't flown").
  const denied = new Map<string, number>();
  const entries = lexiconOf(knowledge);
  const index = clauseIndexOf(knowledge);
  // Findings each clause denied: a clause that only affirms ("but I am today") takes them back.
  const deniedIn: Array<Set<string>> = [];
  // The index's phrases this clause could match, by entry: `hits[i]`, current while `seen[i]` is
  // the clause's mark. Reused from clause to clause.
  const hits: IndexedPhrase[][] = new Array(entries.length);
  const seen = new Int32Array(entries.length);
  let mark = 0;
  const stems = new Set<string>();
  const gather = (list: readonly IndexedPhrase[] | undefined) => {
    if (list === undefined) return;
    for (const item of list) {
      const e = item.entry;
      if (seen[e] !== mark) {
        seen[e] = mark;
        if (hits[e] === undefined) hits[e] = [item];
        else {
          hits[e].length = 0;
          hits[e].push(item);
        }
      } else hits[e]!.push(item);
    }
  };
  const starts: number[] = [];
  for (const [clauseIndex, { tokens, folded, present }] of all.entries()) {
    const deniedHere = new Set<string>();
    deniedIn.push(deniedHere);
    // "no chest pain. well, a bit": "well" alone passes the denial before it on.
    if (clauseIndex > 0 && onlyFiller(tokens)) {
      for (const f of deniedIn[clauseIndex - 1] ?? []) deniedHere.add(f);
      continue;
    }
    // Denials a hedge took back; given back if the hedge turns out to name another sign.
    const takenBack: string[] = [];
    if (clauseIndex > 0 && (affirmsAgain(tokens) || hedgesAgain(tokens))) {
      for (const f of deniedIn[clauseIndex - 1] ?? [])
        if (found.get(f) === 'no') {
          found.set(f, 'yes');
          takenBack.push(f);
        }
      // "well, a little when I breathe in" may name a sign of its own too: read on.
      if (affirmsAgain(tokens)) continue;
    }
    const saidHere = takenBack.length > 0 ? new Set<string>() : null;
    mark++;
    stems.clear();
    for (const word of present) gather(index.byWord.get(word));
    for (const token of tokens) {
      const stem = token.slice(0, STEM);
      if (stems.has(stem)) continue;
      stems.add(stem);
      gather(index.byStem.get(stem));
    }
    gather(index.always);
    // Entries in lexicon order, as if each were asked in turn: findings are added in that order.
    // An entry none of whose phrasings or denials could occur in the clause would do nothing.
    for (let i = 0; i < entries.length; i++) {
      if (seen[i] !== mark) continue;
      const entry = entries[i]!;
      const mine = hits[i]!;
      const asked = options.expecting?.includes(entry.finding) ?? false;
      // "I don't take any medicines": a denial counts as "no" unless something says otherwise.
      // A negated denial ("I don't eat a healthy diet") denies nothing.
      if (!found.has(entry.finding)) {
        for (const { phrase, role } of mine) {
          if (role === PHRASE || (role === ANSWER_DENIAL && !asked)) continue;
          if (saidIn(phrase, tokens, folded, present)) {
            found.set(entry.finding, 'no');
            break;
          }
        }
      }
      // `unless` and `context` are checked only once a phrasing occurs.
      starts.length = 0;
      for (const { phrase, role, answerOnly } of mine) {
        if (role !== PHRASE || (answerOnly && !asked)) continue;
        pushStarts(phrase, tokens, folded, present, starts);
      }
      if (starts.length === 0) continue;
      if (entry.unless.some((u) => hasPhrase(u, tokens, folded, present))) continue;
      // A question about the finding is its context ("flashing lights" answering the pre-eclampsia question).
      if (entry.context.length > 0 && !asked) {
        let ok = contextOk.get(entry.finding);
        if (ok === undefined) {
          ok = inContext(entry);
          contextOk.set(entry.finding, ok);
        }
        if (!ok) continue;
      }
      // A list finding's item denied outside its own question ("I've never had a clot") says
      // nothing of the other items (the pill, a long trip): it is not a "no".
      const partial = entry.list && !asked;
      // The strongest mention wins, so the order they were found in does not matter.
      for (const start of starts) {
        const polarity = polarityAt(tokens, start, entry.redFlag);
        if (partial && polarity === 'no') {
          denied.set(entry.finding, (denied.get(entry.finding) ?? 0) + 1);
          continue;
        }
        if (polarity === 'no') deniedHere.add(entry.finding);
        else if (polarity === 'yes') saidHere?.add(entry.finding);
        const before = found.get(entry.finding);
        if (before === undefined || RANK[polarity] > RANK[before]) found.set(entry.finding, polarity);
      }
    }
    // "not swollen, a bit breathless": the "a bit" is about the breathlessness it names, so the
    // swelling stays denied. "no chest pain, well a bit" names nothing else: the pain is said.
    if (saidHere !== null && [...saidHere].some((f) => !takenBack.includes(f)))
      for (const f of takenBack) found.set(f, 'no');
  }
  // Breathlessness that is new ("on the stairs since yesterday", "suddenly puffed") is the
  // emergency sign, not the slow breathlessness of anaemia, even when it comes with effort.
  if (
    found.get('pale_or_breathless_on_exertion') === 'yes' &&
    found.get('breathless_or_chest_pain') === undefined &&
    knowledge.findings.has('breathless_or_chest_pain') &&
    NEW_BREATHLESSNESS.test(text)
  ) {
    found.set('breathless_or_chest_pain', 'yes');
  }
  // Three or more of a list's items denied, and none said, is a "no" to the list.
  for (const [finding, n] of denied)
    if (n >= LIST_DENIALS_MIN && !found.has(finding)) found.set(finding, 'no');
  // A temperature of 38 °C (100.4 °F) or more is a fever, however it is written ("38.4", "101F").
  if (FEVER.test(text) && knowledge.findings.has('fever_spreading_redness')) {
    if (found.get('fever_spreading_redness') !== 'yes') found.set('fever_spreading_redness', 'yes');
  }
  if (
    knowledge.findings.has('cramp_wont_ease') &&
    found.get('cramp_wont_ease') === undefined &&
    isLongCramp(text)
  )
    found.set('cramp_wont_ease', 'yes');
  // Weeks of a pregnancy, however they are written.
  if (pregnancyInNumbers && found.get('pregnant') === undefined) found.set('pregnant', 'yes');
  if (
    knowledge.findings.has('one_calf_pain') &&
    found.get('one_calf_pain') === undefined &&
    SIDE_AFTER_CALF.test(text)
  )
    found.set('one_calf_pain', 'yes');
  if (age !== null) {
    if (knowledge.findings.has('age_60_plus')) found.set('age_60_plus', age >= 60 ? 'yes' : 'no');
    if (knowledge.findings.has('child_under_16')) found.set('child_under_16', age < 16 ? 'yes' : 'no');
  }
  return { found, age };
}
