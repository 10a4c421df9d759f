/**
 * Clauses about somebody other than the person with the sore calves. "My husband's on Lipitor
 * and gets achey legs ... I'm 52 and not on anything" is about the writer; the husband's statin
 * is not theirs. "My colleague had a DVT last year" is not the writer's clot. Such a clause is
 * left out of what calfbot reads, but only when the message is plainly about the writer: when
 * someone writes for another person ("asking for my daughter, she's 14 ..."), that person is
 * the patient and every clause counts.
 *
 * A clause is about someone else when its subject is another person ("my husband ...", "a
 * colleague ...", "my mum's ...") and it says nothing in the first person ("my wife says my
 * calf is swollen" is still about the writer's calf). A message is about the writer when some
 * other clause speaks in the first person about a body part or a symptom.
 */

import { clauses, fold } from './normalize.js';

/** People a writer talks about (folded: plurals and "'s" are gone, so "husbands" → "husband"). */
const PEOPLE = new Set([
  'husband',
  'hubby',
  'wife',
  'partner',
  'boyfriend',
  'girlfriend',
  'bf',
  'gf',
  'fiance',
  'fiancee',
  'mum',
  'mom',
  'mam',
  'mother',
  'dad',
  'father',
  'brother',
  'sister',
  'friend',
  'mate',
  'colleague',
  'coworker',
  'workmate',
  'boss',
  'neighbour',
  'neighbor',
  'uncle',
  'aunt',
  'auntie',
  'cousin',
  'nan',
  'nana',
  'nanna',
  'gran',
  'granny',
  'grandma',
  'grandmother',
  'grandad',
  'granddad',
  'grandpa',
  'grandfather',
  'son',
  'daughter',
  'flatmate',
  'roommate',
  'housemate',
  'teammate',
]);

/** Words that may open a clause before its subject ("so my husband ...", "also a friend ..."). */
// Not "like" or "as": "varicose veins like my mum" is about the writer.
const LEAD_INS = new Set(['so', 'and', 'also', 'plus', 'well', 'oh', 'because', 'cos', 'coz', 'btw', 'ps']);
const DETERMINERS = new Set(['my', 'our', 'a', 'his', 'her', 'their', 'one']);
const DESCRIBERS = new Set([
  'older',
  'younger',
  'little',
  'big',
  'best',
  'elderly',
  'old',
  'late',
  'ex',
  'other',
  'twin',
]);

/** First-person words that make a clause the writer's own. ("me" is left out: "he told me to ask".) */
/** Words between "my" and the person: "my 8 year old son", "my little girl", "my 15-year-old". */
const AGE_WORDS = new Set([
  'year',
  'yr',
  'yrs',
  'yo',
  'month',
  'old',
  'teenage',
  'eldest',
  'youngest',
  'middle',
  'oldest',
]);
/** Past the words that describe a person: "my (8 year old) son", "my (little) girl". */
function pastDescribers(folded: readonly string[], j: number): number {
  let k = j;
  while (
    k < folded.length &&
    (DESCRIBERS.has(folded[k]!) || AGE_WORDS.has(folded[k]!) || /^\d+$/.test(folded[k]!))
  )
    k++;
  return k;
}

const FIRST_PERSON = new Set(['i', 'im', 'ive', 'id', 'ill', 'myself']);
/** Parts of the body, and words for what hurts: either makes a clause about somebody's body. */
const BODY = new Set([
  'calf',
  'leg',
  'foot',
  'feet',
  'ankle',
  'knee',
  'shin',
  'thigh',
  'toe',
  'heel',
  'back',
  'muscle',
]);
const SYMPTOMS = new Set([
  'cramp',
  'cramping',
  'pain',
  'ache',
  'achy',
  'achey',
  'aching',
  'sore',
  'hurt',
  'hurts',
  'swollen',
  'swelling',
]);
const BODY_OR_SYMPTOM = new Set([...BODY, ...SYMPTOMS]);

/** What follows a person who is the subject: "my mum had", "my husband's on", "a friend takes". */
const SUBJECT_VERBS = new Set([
  'had',
  'ha',
  'has',
  'have',
  'is',
  'wa',
  'was',
  'get',
  'gets',
  'got',
  'take',
  'takes',
  'took',
  'use',
  'uses',
  'used',
  'keep',
  'keeps',
  'say',
  'says',
  'said',
  'reckon',
  'reckons',
  'think',
  'thinks',
  'been',
  'on',
  'also',
  'just',
  'once',
  'recently',
  'always',
  'suffer',
  'suffers',
  'suffered',
  'went',
  'goes',
  'ended',
  'died',
  'passed',
]);

/**
 * The clause's subject is another person ("my husband's on ...", "so a colleague had ...",
 * "because my mum had ..."), and nothing in it is in the first person.
 */
export function isAboutSomeoneElse(folded: readonly string[]): boolean {
  let subject = -1;
  for (let i = 0; i < folded.length - 1 && subject < 0; i++) {
    if (!DETERMINERS.has(folded[i]!)) continue;
    const j = pastDescribers(folded, i + 1);
    if (
      PEOPLE.has(folded[j] ?? '') &&
      (i === 0 || LEAD_INS.has(folded[i - 1]!) || SUBJECT_VERBS.has(folded[j + 1] ?? ''))
    )
      subject = j;
  }
  if (subject < 0) return false;
  for (let j = 0; j < folded.length; j++) {
    if (FIRST_PERSON.has(folded[j]!)) return false;
    if (folded[j] === 'my' && j > subject && BODY_OR_SYMPTOM.has(folded[j + 1] ?? '')) return false;
    if (folded[j] === 'me' && j > subject && doneToMyBody(folded, j)) return false;
  }
  return true;
}

/**
 * "my son kicked me in the calf", "a player hit me on the shin": what another person did to the
 * writer's body is about the writer (clinical review 6, R17). Only "me in/on/at (the|my) <body>".
 */
function doneToMyBody(folded: readonly string[], me: number): boolean {
  if (!['in', 'on', 'at'].includes(folded[me + 1] ?? '')) return false;
  const k = folded[me + 2] === 'the' || folded[me + 2] === 'my' ? me + 3 : me + 2;
  return BODY.has(folded[k] ?? '');
}

const THIRD_PERSON_OWNER = new Set(['her', 'his', 'their']);

const THIRD_PERSON = new Set([
  'he',
  'she',
  'hes',
  'shes',
  'his',
  'her',
  'him',
  'they',
  'their',
  'them',
  'theyre',
]);

/**
 * A clause (not about someone else) about the writer's own body: in the first person ("I get
 * cramps", "my calf"), or with no person at all ("now both calves are wrecked").
 */
function speaksForSelf(c: readonly string[]): boolean {
  if (isAboutSomeoneElse(c) || !c.some((w) => BODY_OR_SYMPTOM.has(w))) return false;
  const bodyOrSymptomSoonAfter = (j: number) =>
    c.slice(j + 1, j + 1 + FIRST_PERSON_REACH).some((w) => BODY_OR_SYMPTOM.has(w));
  if (c.some((w, j) => (FIRST_PERSON.has(w) || w === 'my') && bodyOrSymptomSoonAfter(j))) return true;
  // "doctor uncle said growing pain but i am worried": the writer is in it, but not their body.
  if (c.some((w) => FIRST_PERSON.has(w))) return false;
  // "doctor uncle said growing pain": what someone said, not the writer's own body.
  return !c.some((w) => THIRD_PERSON.has(w) || REPORTED.has(w));
}

const REPORTED = new Set(['said', 'say', 'told', 'think', 'reckon', 'reckoned', 'diagnosed']);

/** How far after "I" or "my" a body word or symptom still belongs to the writer ("I've been getting sore legs"). */
const FIRST_PERSON_REACH = 4;

/** "asking for my daughter", "writing for my husband", "her calf", "his legs ache". */
/** The message asks for someone else in so many words ("asking for my daughter", "on behalf of"). */
function asksForSomeoneElse(c: readonly string[]): boolean {
  return c.some(
    (w, j) =>
      ((w === 'asking' || w === 'writing' || w === 'ask' || w === 'typing') && c[j + 1] === 'for') ||
      (w === 'on' && c[j + 1] === 'behalf'),
  );
}

/** "worried about my nan", "her calf", "his legs", "mum's legs": whose body the words are about. */
function namesTheirBody(c: readonly string[]): boolean {
  return c.some(
    (w, j) =>
      (w === 'worried' &&
        c[j + 1] === 'about' &&
        DETERMINERS.has(c[j + 2] ?? '') &&
        PEOPLE.has(c[j + 3] ?? '')) ||
      (THIRD_PERSON_OWNER.has(w) && (BODY.has(c[j + 1] ?? '') || BODY.has(c[j + 2] ?? ''))) ||
      (PEOPLE.has(w) && (BODY.has(c[j + 1] ?? '') || BODY.has(c[j + 2] ?? ''))),
  );
}

/**
 * Indexes of the clauses to leave out: those about someone else, unless the message is written
 * for that person (it says so, or it says nothing of the writer's own body).
 */
export function clausesAboutOthers(clauses: ReadonlyArray<readonly string[]>): Set<number> {
  const others = new Set<number>();
  clauses.forEach((c, i) => {
    if (isAboutSomeoneElse(c)) others.add(i);
  });
  if (others.size === 0) return new Set();
  // "his legs hurt" says whose legs; "a clot in her leg" (no symptom) only says whose clot.
  const forThem = (c: readonly string[], i: number) =>
    namesTheirBody(c) && (!others.has(i) || c.some((w) => SYMPTOMS.has(w)));
  if (clauses.some((c, i) => asksForSomeoneElse(c) || forThem(c, i))) return new Set();
  // Only a message that also speaks of the writer's own body is about the writer.
  return clauses.some(speaksForSelf) ? others : new Set();
}

/** Who a message is written for, when it is not the writer: "your son", and how to say "him". */
export interface WrittenFor {
  /** How calfbot names them back: "your son", "your mum", or "the person" when only "she" is said. */
  person: string;
  pronoun: 'him' | 'her' | 'them';
}

/** People a message is often written for, beyond PEOPLE: children and the people carers look after. */
const CARED_FOR = new Set([
  'kid',
  'child',
  'boy',
  'girl',
  'toddler',
  'teen',
  'teenager',
  'baby',
  'patient',
  'client',
  'resident',
  'nephew',
  'niece',
  'stepson',
  'stepdaughter',
  'grandson',
  'granddaughter',
]);
const HIM = new Set([
  'husband',
  'hubby',
  'boyfriend',
  'bf',
  'fiance',
  'dad',
  'father',
  'brother',
  'uncle',
  'grandad',
  'granddad',
  'grandpa',
  'grandfather',
  'son',
  'boy',
  'nephew',
  'stepson',
  'grandson',
]);
const HER = new Set([
  'wife',
  'girlfriend',
  'gf',
  'fiancee',
  'mum',
  'mom',
  'mam',
  'mother',
  'sister',
  'aunt',
  'auntie',
  'nan',
  'nana',
  'nanna',
  'gran',
  'granny',
  'grandma',
  'grandmother',
  'daughter',
  'girl',
  'niece',
  'stepdaughter',
  'granddaughter',
]);
/** "me and my son both ...", "we both get cramps": the writer's own calves too. */
const BOTH_OF_US = /\b(?:me and|and me|and i|and myself|we both|both of us|we all)\b/i;

/** How a person is named back when the message does not say who ("she's 14 and her calves hurt"). */
const UNNAMED = 'the person';

/**
 * The person a message is about, when it is written for somebody other than the writer ("my 8 year
 * old son gets achy legs", "asking for my mum, 84, her calves cramp"), else null. A message that
 * also speaks of the writer's own body is the writer's ("my husband's on Lipitor ... I get cramps"),
 * unless it says in so many words that it asks for someone else.
 */
/**
 * "after helping my mate move house", "carrying my daughter around the zoo": a person the writer
 * was with or helped, not the one whose calves these are (exploratory test 6, U3).
 */
const COMPANION =
  /\b(helping|helped|carrying|carried|lifting|lifted|pushing|pushed|chasing|chased|playing(?:\s+\w+)?\s+with|walking\s+with|running\s+with|out\s+with|(?:a\s+)?(?:hike|walk|run|game|match)\s+with)\s+(?:my|our)\s+/gi;

export function writtenFor(text: string): WrittenFor | null {
  const read = clauses(text.replace(COMPANION, '$1 the ')).map((c) => c.map(fold));
  // "me and my son both have sore calves": the writer's own calves too.
  if (BOTH_OF_US.test(text)) return null;
  const words = read.flat();
  const asks = read.some(asksForSomeoneElse);
  // A clause that names its person ("my kid has sore legs") is not the writer's, whatever "my" says.
  const ownBody = (c: readonly string[]) =>
    c.some(
      (w, j) =>
        (FIRST_PERSON.has(w) || (w === 'my' && !isPerson(c[pastDescribers(c, j + 1)]))) &&
        c.slice(j + 1, j + 1 + FIRST_PERSON_REACH).some((x) => BODY_OR_SYMPTOM.has(x)),
    ) ||
    (speaksForSelf(c) && personNamed([c]) === null);
  if (!asks && read.some(ownBody)) return null;
  const forThem =
    asks ||
    read.some(
      (c) =>
        namesTheirBody(c) ||
        (startsWithPerson(c) && !c.some((w) => FIRST_PERSON.has(w)) && c.some((w) => BODY_OR_SYMPTOM.has(w))),
    );
  if (!forThem) return null;
  const word = personNamed(read);
  const said = new Set(words);
  const pronoun: WrittenFor['pronoun'] =
    word && HIM.has(word)
      ? 'him'
      : word && HER.has(word)
        ? 'her'
        : ['he', 'hes', 'his', 'him'].some((w) => said.has(w))
          ? 'him'
          : ['she', 'shes', 'her'].some((w) => said.has(w))
            ? 'her'
            : 'them';
  return { person: word ? personBack(word) : UNNAMED, pronoun };
}

/** A word for a person a message may be written for: "son", "kid", "15yo". */
const isPerson = (w: string | undefined) =>
  w !== undefined && (PEOPLE.has(w) || CARED_FOR.has(w) || /^\d+yo$/.test(w));

/** How a person word is said back: "son" → "your son", "15yo" → "your 15-year-old". */
const personBack = (w: string) => (/^\d+yo$/.test(w) ? `your ${w.slice(0, -2)}-year-old` : `your ${w}`);

/**
 * The first person a message names: after "my" or "our" (over any age words: "my 8 year old son"
 * → son), or opening a clause before a body word ("hubby's left calf").
 */
function personNamed(read: ReadonlyArray<readonly string[]>): string | null {
  for (const c of read) {
    for (let i = 0; i < c.length; i++) {
      if (c[i] === 'my' || c[i] === 'our') {
        const k = pastDescribers(c, i + 1);
        // "my 8yo son": the son.
        if (/^\d+yo$/.test(c[k] ?? '') && isPerson(c[k + 1])) return c[k + 1]!;
        if (isPerson(c[k])) return c[k]!;
      }
    }
    let k = 0;
    while (k < c.length && LEAD_INS.has(c[k]!)) k++;
    if (isPerson(c[k]) && (BODY.has(c[k + 1] ?? '') || BODY.has(c[k + 2] ?? ''))) return c[k]!;
  }
  return null;
}

/** "my son gets ...", "my 8 year old daughter has ...", "our little boy ...": a person opens the clause. */
function startsWithPerson(c: readonly string[]): boolean {
  let i = 0;
  while (i < c.length && LEAD_INS.has(c[i]!)) i++;
  return personNamed([c.slice(i)]) !== null;
}
