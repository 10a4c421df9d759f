/**
 * After an assessment: answers questions like "what foods have magnesium?" or "tell me more
 * about B12" from the knowledge, with the sources behind the answer.
 */
import type { Cause, Claim, FollowUpTopic, Knowledge } from '../knowledge/schema.js';
import { clauses, fold } from '../understanding/normalize.js';
import { type CompiledPhrase, compilePhrase, findPhrase } from '../understanding/phrase.js';
import { type Choice, type Reply, type Triage, triageRank } from '../vocabulary.js';
import { causeNamed, foldedName, nameHits } from './cause-names.js';
import { Citations, sourcesAsText } from './cite.js';
import { saysOf } from './compose-assessment.js';
import { isOver, type PainkillerDose, painkillerDoses, saidBack } from './painkiller-amounts.js';
import {
  answerAmounts,
  dosesIn,
  noLimitKnown,
  onlyAnAmount,
  type ReadAmounts,
  readAmounts,
  type Spoken,
} from './upper-limit.js';

type Intent = 'foods' | 'symptoms' | 'test' | 'limit' | 'evidence' | 'risk' | 'todo' | 'more';

const INTENT_WORDS: Array<[Intent, string[]]> = [
  ['foods', ['food', 'eat', 'eating', 'diet', 'rich', 'meal', 'snack', 'sources', 'source']],
  [
    'limit',
    [
      'dose',
      'dosage',
      'much',
      'limit',
      'upper',
      'supplement',
      'supplements',
      'pill',
      'pills',
      'tablet',
      'tablets',
      'take',
      'mg',
      'iu',
      'overdose',
      'safe',
    ],
  ],
  ['test', ['test', 'tests', 'blood', 'check', 'checked', 'lab', 'measure']],
  ['symptoms', ['symptom', 'symptoms', 'sign', 'signs', 'feel', 'feels', 'like']],
  [
    'evidence',
    ['evidence', 'proof', 'proven', 'study', 'studies', 'research', 'work', 'works', 'really', 'cochrane'],
  ],
  ['risk', ['risk', 'who', 'cause', 'causes', 'why', 'likely']],
  ['todo', ['do', 'treat', 'treatment', 'help', 'fix', 'stop', 'prevent', 'relief']],
];

function intentOf(tokens: string[]): Intent {
  const folded = tokens.map(fold);
  for (const [intent, words] of INTENT_WORDS) {
    if (folded.some((t) => words.includes(t) || words.includes(fold(t)))) return intent;
  }
  return 'more';
}

/** What the follow-up answer knows of the assessment it follows. */
export interface AssessedContext {
  triage: Triage;
  causes: string[];
  /** Fills {emergency}, {urgent} and {doctor} for the person's region. */
  fill: (text: string) => string;
  /** The assessment's headline, already filled ("Call 911 now"): said again first at urgent and above. */
  headline?: string;
  /** Asked mid-check, before any assessment: no level is known yet. */
  midCheck?: boolean;
  /** The person is a child (answers about doses and medicines differ). */
  child?: boolean;
  /** The age said in the conversation, if any: a child's upper limit goes by it. */
  age?: number;
  /** The supplement spoken of before: "so is 400mg ok for her?" is about it. */
  spoken?: Spoken;
  /** The painkiller spoken of before: "what about 1000mg every 2 hours?" is about it. */
  painkiller?: string;
  /** What is known, for sentences said only to some (`when`: "On a statin, ..."). */
  findings?: Readonly<Record<string, Choice>>;
  /** The assessment's sentence that advised more than its level ("... straight away"), if any. */
  sooner?: Claim;
}

/** "can it wait?", "should I see a doctor?": never answered below the assessment's most urgent sentence. */
const ASKS_HOW_SOON = new Set(['wait', 'see_a_doctor']);

type CompiledTopic = [FollowUpTopic, CompiledPhrase[], CompiledPhrase[]];
const topicPhrases = new WeakMap<Knowledge, CompiledTopic[]>();
function topicsOf(knowledge: Knowledge): CompiledTopic[] {
  let topics = topicPhrases.get(knowledge);
  if (!topics) {
    topics = knowledge.followUps.map((t) => [
      t,
      t.phrasings.map(compilePhrase),
      t.general_phrasings.map(compilePhrase),
    ]);
    topicPhrases.set(knowledge, topics);
  }
  return topics;
}

/** The topic a follow-up asks about; a topic's general phrasings count only when no cause is named. */
function matchTopic(text: string, knowledge: Knowledge, namesACause: boolean): FollowUpTopic | undefined {
  const clauseTokens = clauses(text).map((tokens) => ({ tokens, folded: tokens.map(fold) }));
  const said = (p: CompiledPhrase) => clauseTokens.some((c) => findPhrase(p, c.tokens, c.folded).length > 0);
  for (const [topic, phrases, general] of topicsOf(knowledge)) {
    if (phrases.some(said) || (!namesACause && general.some(said))) return topic;
  }
  return undefined;
}

/** "should I take magnesium?", "is it worth trying B12 tablets": asking whether, not how much. */
const SHOULD_TAKE = /\b(should|shall|could|can|would|worth|do i need|try|trying|start)\b/i;
/** "how much vitamin D should I take?", "what dose", "what is the upper limit": asking for an amount. */
const HOW_MUCH =
  /\b(how much|too much|how many|dose|dosage|mg|iu|mcg|amount|strength|upper limit|limit|maximum|max|overdose)\b/i;

export function answerFollowUp(text: string, knowledge: Knowledge, assessed?: AssessedContext): Reply | null {
  const fill = assessed?.fill ?? ((t: string) => t);
  const fits = (c: Claim): boolean => {
    if (!assessed) return true;
    if (!saysOf(c, assessed.findings ?? {})) return false;
    // Mid-check no level is known yet: only what fits every level is said.
    if (assessed.midCheck) return c.at === undefined;
    if (c.at !== undefined && !c.at.includes(assessed.triage)) return false;
    return c.advises === undefined || triageRank(c.advises) >= triageRank(assessed.triage);
  };
  const cite = new Citations(knowledge);
  const lines: string[] = [];
  const list = (items: string[]) => items.map((i) => `- ${i}`).join('\n');
  // Amounts ("500mg", "5,000 IU") are read first: "mg" after a number is a unit, not magnesium.
  const read = readAmounts(text);
  // "so is 400mg ok for her?": an amount with no supplement named is of the one spoken of before.
  const spoken =
    assessed?.spoken && onlyAnAmount(read) ? knowledge.causes.get(assessed.spoken.cause) : undefined;
  const named = causeNamed(read.folded, knowledge);
  const cause = named ?? spoken;
  const topic = matchTopic(text, knowledge, named !== undefined);
  // "1000mg paracetamol every 2 hours": said back against the NHS adult maximum (exploratory 5, S7).
  const painkillers = painkillerDoses(read, knowledge, {
    ...(assessed?.painkiller && named === undefined ? { spoken: assessed.painkiller } : {}),
    nutrientNamed: named !== undefined,
  });

  const sooner = assessed?.sooner;
  if (topic && ASKS_HOW_SOON.has(topic.id) && sooner?.advises && !assessed?.midCheck) {
    // Clinical review 7, R5: the level's own answer ("you do not need to go today") would undo
    // the sentence above that said "today" or "straight away"; that sentence is said again.
    lines.push('Please do not wait for a routine appointment. This is what I said above:');
    lines.push(`"${fill(cite.use(sooner))}"`);
    lines.push(
      fill(
        cite.use({
          text:
            sooner.advises === 'emergency'
              ? 'If that fits you, call {emergency} now.'
              : 'If that fits you, contact {urgent} today. Call {emergency} if it suddenly gets much worse.',
          sources: ['nhs-111', 'nhs-when-to-call-999'],
        }),
      ),
    );
  } else if (painkillers.length > 0 && (topic === undefined || topic.dose_limits.length > 0)) {
    answerPainkillerAmounts(painkillers, knowledge, cite, lines, {
      fill,
      fits,
      child: assessed?.child ?? false,
    });
  } else if (topic) {
    for (const claim of topic.answer.filter(fits)) lines.push(fill(cite.use(claim)));
  } else if (cause) {
    answerAboutCause(cause, intentOf(read.folded), text, read, knowledge, cite, lines, list, {
      child: assessed?.child ?? false,
      ...(assessed?.age !== undefined ? { age: assessed.age } : {}),
      ...(named === undefined && assessed?.spoken ? { about: assessed.spoken } : {}),
      says: fits,
    });
  } else if (read.amounts.some((a) => a.unit === 'mg' || a.unit === 'mcg' || a.unit === 'iu')) {
    const painTopic = knowledge.followUps.find((t) => t.dose_limits.length > 0);
    if (assessed?.child && painTopic) {
      // "can i take 2 of my mums 400mg ones" from a 14-year-old: no adult amount is for them.
      lines.push('I cannot tell which medicine that is.');
      for (const claim of painTopic.answer.filter(fits)) lines.push(fill(cite.use(claim)));
    }
    // "is 1000mg of vitamin C ok?": no limit is known for it, and that is said, not guessed.
    else lines.push(...noLimitKnown(knowledge));
  } else if (
    assessed &&
    /\b(what else|anything else|more|other|else)\b/i.test(text) &&
    assessed.causes.length > 0
  ) {
    const names = assessed.causes.map((id) => knowledge.causes.get(id)?.name).filter(Boolean);
    lines.push(`You can ask me more about any of these: ${names.join('; ')}.`);
    lines.push('Try "tell me more about" one of them, or "what can I do?".');
  } else {
    return null;
  }
  if (lines.length === 0) return null;
  // At urgent and above, every answer starts with what to do first (the "wait" topic says it itself).
  if (
    assessed &&
    !assessed.midCheck &&
    triageRank(assessed.triage) >= triageRank('urgent') &&
    topic?.id !== 'wait'
  ) {
    lines.unshift(
      assessed.headline
        ? `First, please do what I said above: ${assessed.headline}. It matters more than anything below.`
        : 'First, please get the help I described above. It matters more than anything below.',
    );
  }
  const refs = cite.refs;
  // Placeholders ({emergency}, {urgent}, {doctor}) are filled for the person's region everywhere.
  const body = lines.map(fill).join('\n');
  return { kind: 'text', text: refs.length ? `${body}\n\n${sourcesAsText(refs)}` : body, sources: refs };
}

/**
 * Painkiller amounts: over the NHS adult maximum, said back plainly with what to do, and only the
 * sentences for the person's own situation (pregnancy, kidneys, a blood thinner) after it; never
 * "can ease soreness". Under it, or for a child (whose amount goes by age), the usual answer.
 */
function answerPainkillerAmounts(
  doses: PainkillerDose[],
  knowledge: Knowledge,
  cite: Citations,
  lines: string[],
  { fill, fits, child }: { fill: (t: string) => string; fits: (c: Claim) => boolean; child: boolean },
): void {
  const topic = knowledge.followUps.find((t) => t.dose_limits.includes(doses[0]!.limit))!;
  const over = child ? [] : doses.filter(isOver);
  if (over.length === 0) {
    for (const claim of topic.answer.filter(fits)) lines.push(fill(cite.use(claim)));
    return;
  }
  const said = new Set<string>();
  for (const d of over) {
    for (const text of saidBack(d)) if (!said.has(text)) lines.push(text);
    for (const text of saidBack(d)) said.add(text);
    for (const claim of d.limit.over.filter(fits)) {
      const text = fill(cite.use(claim));
      if (!said.has(text)) lines.push(text);
      said.add(text);
    }
  }
  for (const claim of topic.answer.filter((c) => c.when !== undefined && fits(c)))
    lines.push(fill(cite.use(claim)));
}

function answerAboutCause(
  cause: Cause,
  intent: Intent,
  text: string,
  read: ReadAmounts,
  knowledge: Knowledge,
  cite: Citations,
  lines: string[],
  list: (items: string[]) => string,
  { child, age, about, says }: { child: boolean; age?: number; about?: Spoken; says: (c: Claim) => boolean },
): void {
  const isNutrient = cause.kind === 'nutrient';
  // Kidney disease, a medicine that raises potassium: the nutrients' own cautions, said in every
  // answer about them in the conversation (exploratory 5, S9). Every nutrient named counts:
  // "magnesium or potassium tablets, which one?".
  const named = [cause, ...nameHits(read.folded, knowledge).map((h) => h.cause)].filter(
    (c, i, all) => c.kind === 'nutrient' && all.indexOf(c) === i,
  );
  const cautions = [...new Set(named.flatMap((c) => c.cautions.filter(says)))];
  const evidence = cause.evidence && says(cause.evidence) ? cause.evidence : undefined;
  if (isNutrient && (HOW_MUCH.test(text) || dosesIn(read, knowledge, about).doses.length > 0)) {
    // Never a dose: an amount is only said back against the official upper limit, a ceiling.
    answerAmounts(read, knowledge, cite, lines, {
      child,
      ...(age !== undefined ? { age } : {}),
      ...(about ? { about } : {}),
      cautions,
    });
    return;
  }
  // "tell me about methylcobalamin": what it is, first.
  for (const form of cause.forms) {
    const names = form.names.map(foldedName);
    if (nameHits(read.folded, knowledge).some((h) => h.cause === cause && names.includes(h.name)))
      lines.push(cite.use(form));
  }
  for (const c of cautions) lines.push(cite.use(c));
  if (isNutrient && (intent === 'limit' || SHOULD_TAKE.test(text))) {
    // "should I take it?" → probably not; "is it bad / safe to take it?" is not answered with "no".
    // With a caution said, "not without a blood test" would read as "fine after one": not said.
    if (cautions.length === 0)
      lines.push(
        /\b(bad|safe|ok|okay|harm\w*|dangerous|risky)\b/i.test(text)
          ? 'Take it only after a blood test, and with a doctor or pharmacist’s advice.'
          : 'Probably not without a blood test first.',
      );
    if (evidence) lines.push(cite.use(evidence));
    if (cause.blood_test) lines.push(cite.use(cause.blood_test));
    lines.push(knowledge.disclaimers.supplements);
    return;
  }
  if (intent === 'foods' && cause.food_sources.length > 0) {
    lines.push(
      `Foods with ${cause.name.replace(/^(low|lack of)\s+/i, '').toLowerCase()}:`,
      list(cause.food_sources.map((f) => `${cite.use({ text: f.food, sources: f.sources })}: ${f.amount}`)),
    );
  } else if (intent === 'test' && cause.blood_test) {
    lines.push(cite.use(cause.blood_test));
  } else if (intent === 'symptoms' && cause.symptoms.length > 0) {
    lines.push(`${cause.name} can show up as:`, list(cause.symptoms.map((s) => cite.use(s))));
  } else if (intent === 'evidence' && evidence) {
    lines.push(`How strong is the evidence? ${evidence.strength}.`, cite.use(evidence));
  } else if (intent === 'risk' && cause.at_risk.some(says)) {
    lines.push(
      'Who is more likely to be affected:',
      list(cause.at_risk.filter(says).map((s) => cite.use(s))),
    );
  } else if (intent === 'todo') {
    lines.push('What helps:', list(cause.what_to_do.map((s) => cite.use(s))));
  } else {
    lines.push(`${cause.name}: ${cite.use(cause.summary)}`);
    if (cause.mechanism) lines.push(cite.use(cause.mechanism));
    if (cause.symptoms.length) lines.push(`Signs: ${cause.symptoms.map((s) => cite.use(s)).join(' ')}`);
    if (cause.food_sources.length) {
      lines.push(
        `Foods: ${cause.food_sources.map((f) => `${cite.use({ text: f.food, sources: f.sources })} (${f.amount})`).join('; ')}.`,
      );
    }
    if (cause.blood_test) lines.push(`Test to ask about: ${cite.use(cause.blood_test)}`);
    if (evidence) lines.push(`Evidence (${evidence.strength}): ${cite.use(evidence)}`);
    if (isNutrient) lines.push(knowledge.disclaimers.supplements);
  }
}
