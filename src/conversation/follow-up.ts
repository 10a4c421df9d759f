/**
 * After an assessment: answers questions like "what foods have magnesium?" or "tell me more
 * about B12" from the knowledge, with the sources behind the answer.
 */
import type { Cause, Knowledge } from '../knowledge/schema.js';
import { fold, tokenize } from '../understanding/normalize.js';
import type { Reply } from '../vocabulary.js';
import { Citations, sourcesAsText } from './cite.js';

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

function findCause(tokens: string[], knowledge: Knowledge): Cause | undefined {
  const folded = tokens.map(fold);
  const joined = ` ${folded.join(' ')} `;
  let best: { cause: Cause; len: number } | undefined;
  for (const cause of knowledge.causes.values()) {
    for (const name of [cause.name, cause.id.replaceAll('_', ' '), ...cause.aliases]) {
      const words = tokenize(name).map(fold);
      if (words.length === 0) continue;
      const needle = ` ${words.join(' ')} `;
      if (joined.includes(needle) && words.join(' ').length > (best?.len ?? 0)) {
        best = { cause, len: words.join(' ').length };
      }
    }
  }
  return best?.cause;
}

function intentOf(tokens: string[]): Intent {
  const folded = tokens.map(fold);
  for (const [intent, words] of INTENT_WORDS) {
    if (folded.some((t) => words.includes(t) || words.includes(fold(t)))) return intent;
  }
  return 'more';
}

export function answerFollowUp(text: string, knowledge: Knowledge): Reply | null {
  const tokens = tokenize(text);
  const cause = findCause(tokens, knowledge);
  if (!cause) return null;
  const intent = intentOf(tokens);
  const cite = new Citations(knowledge);
  const lines: string[] = [];
  const list = (items: string[]) => items.map((i) => `- ${i}`).join('\n');

  if (intent === 'foods' && cause.food_sources.length > 0) {
    lines.push(
      `Foods with ${cause.name.replace(/^(low|lack of)\s+/i, '').toLowerCase()}:`,
      list(cause.food_sources.map((f) => `${cite.use({ text: f.food, sources: f.sources })}: ${f.amount}`)),
    );
  } else if (intent === 'limit') {
    if (cause.upper_limit) lines.push(cite.use(cause.upper_limit));
    lines.push(knowledge.disclaimers.supplements);
  } else if (intent === 'test' && cause.blood_test) {
    lines.push(cite.use(cause.blood_test));
  } else if (intent === 'symptoms' && cause.symptoms.length > 0) {
    lines.push(`${cause.name} can show up as:`, list(cause.symptoms.map((s) => cite.use(s))));
  } else if (intent === 'evidence' && cause.evidence) {
    lines.push(`How strong is the evidence? ${cause.evidence.strength}.`, cite.use(cause.evidence));
  } else if (intent === 'risk' && cause.at_risk.length > 0) {
    lines.push('Who is more likely to be affected:', list(cause.at_risk.map((s) => cite.use(s))));
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
    if (cause.evidence) lines.push(`Evidence (${cause.evidence.strength}): ${cite.use(cause.evidence)}`);
    if (cause.upper_limit) lines.push(cite.use(cause.upper_limit));
    if (cause.kind === 'nutrient') lines.push(knowledge.disclaimers.supplements);
  }
  const refs = cite.refs;
  return { kind: 'text', text: `${lines.join('\n')}\n\n${sourcesAsText(refs)}`, sources: refs };
}
