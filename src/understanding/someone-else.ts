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
    let j = i + 1;
    while (j < folded.length && DESCRIBERS.has(folded[j]!)) j++;
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
      (PEOPLE.has(w) && BODY.has(c[j + 1] ?? '')),
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
