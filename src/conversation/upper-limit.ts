/**
 * "I take 500mg magnesium a day, is that ok?": the amount said back against the official adult
 * upper limit the knowledge quotes (NIH ODS), in the limit's unit. Never a dose, and never a
 * guess: an amount whose unit, number or nutrient is unclear is said to be unclear, not compared.
 */
import type { Cause, Claim, Knowledge, UpperLimitAmount } from '../knowledge/schema.js';
import {
  type AmountUnit,
  amountsIn,
  COMPOUND_WORDS,
  namesACompound,
  type SaidAmount,
  saysLongerThanADay,
} from '../understanding/amounts.js';
import { fold, tokenize } from '../understanding/normalize.js';
import { foldedName, type NameHit, nameHits } from './cause-names.js';
import type { Citations } from './cite.js';

/** The text with its amounts read out, and the tokens a cause is looked for in. */
export interface ReadAmounts {
  amounts: SaidAmount[];
  /** Folded tokens of the text: each amount one placeholder token, each , ; : ( ) ! or ? `SEP` (not a full stop: "vit. d"). */
  folded: string[];
  /** Token index of each amount's placeholder. */
  at: number[];
}

const placeholder = (i: number) => `qty${i}x`;
const PLACEHOLDER = /^qty\d+x$/;
const SEP = 'sepx';

export function readAmounts(text: string): ReadAmounts {
  const amounts = amountsIn(text);
  let masked = '';
  let from = 0;
  amounts.forEach((a, i) => {
    masked += `${text.slice(from, a.start)} ${placeholder(i)} `;
    from = a.end;
  });
  masked += text.slice(from);
  const folded = tokenize(masked.replace(/[,;:()!?]/g, ` ${SEP} `)).map(fold);
  return { amounts, folded, at: amounts.map((_, i) => folded.indexOf(placeholder(i))) };
}

/** One nutrient someone names: a cause and, when it covers two, which of them. */
interface Subject {
  cause: Cause;
  nutrient: string;
  limits: UpperLimitAmount[];
  hits: NameHit[];
}

function nutrientOf(cause: Cause, hitName: string): string {
  const named = cause.upper_limit_amount.find((l) => l.names.some((n) => foldedName(n) === hitName));
  if (named) return named.nutrient;
  return cause.upper_limit_amount[0]?.nutrient ?? cause.name.replace(/^(low|lack of)\s+/i, '');
}

function subjectsOf(hits: NameHit[]): Subject[] {
  const subjects: Subject[] = [];
  for (const hit of hits) {
    if (hit.cause.kind !== 'nutrient') continue;
    const nutrient = nutrientOf(hit.cause, hit.name);
    let s = subjects.find((x) => x.cause === hit.cause && x.nutrient === nutrient);
    if (!s) {
      const limits = hit.cause.upper_limit_amount.filter((l) => l.nutrient === nutrient);
      s = { cause: hit.cause, nutrient, limits, hits: [] };
      subjects.push(s);
    }
    s.hits.push(hit);
  }
  return subjects.sort(
    (a, b) => Math.min(...a.hits.map((h) => h.start)) - Math.min(...b.hits.map((h) => h.start)),
  );
}

/**
 * Words that may stand between an amount and the nutrient it is of: "500mg of magnesium",
 * "magnesium citrate 500mg", "vitamin D, I take 5000 IU", "iron 65mg daily". Any other word ("is
 * in 100g of spinach", "and it is") means the amount is of something else.
 */
const BETWEEN = new Set([
  ...'of a an the i im am take take taking took already about around roughly approximately like is it its my per day daily each every night morning evening supplement tablet pill capsule gummy softgel dose total as form which that x'.split(
    ' ',
  ),
  ...COMPOUND_WORDS,
]);

/** How far an amount is from a name, counting only words allowed between them (a comma counts 10); null when another word stands between. */
function distance(read: ReadAmounts, at: number, hit: NameHit): number | null {
  const [from, to] = at < hit.start ? [at + 1, hit.start] : [hit.end, at];
  let d = 0;
  for (let t = from; t < to; t++) {
    const w = read.folded[t]!;
    if (w === SEP) d += 10;
    else if (PLACEHOLDER.test(w) || BETWEEN.has(w)) d += 1;
    else return null;
  }
  return d;
}

/** A number these follow counts something other than an amount ("2 times a day", "magnesium 2 tablets"). */
const COUNTS = new Set(
  'time x tablet tab capsule cap pill gummy softgel drop scoop spoon teaspoon ml day week month year hour minute'.split(
    ' ',
  ),
);

/**
 * Which nutrient each amount is of: the one named nearest it with only `BETWEEN` words in the way
 * ("unclear" when two are as near). A number with no unit counts only right next to the name
 * ("500 magnesium", "500 of magnesium", "b12 1000").
 */
function amountsOf(
  read: ReadAmounts,
  subjects: Subject[],
): Array<{ i: number; subject: Subject | 'unclear' }> {
  const out: Array<{ i: number; subject: Subject | 'unclear' }> = [];
  read.amounts.forEach((a, i) => {
    const at = read.at[i]!;
    if (a.bare && COUNTS.has(read.folded[at + 1] ?? '')) return;
    const near = subjects.map((s) => {
      const ds = s.hits
        .map((h) => distance(read, at, h))
        .filter(
          (d): d is number => d !== null && (!a.bare || d === 0 || (d === 1 && read.folded[at + 1] === 'of')),
        );
      return ds.length ? Math.min(...ds) : Number.POSITIVE_INFINITY;
    });
    const best = Math.min(...near);
    if (best === Number.POSITIVE_INFINITY) return;
    out.push({
      i,
      subject: near.filter((d) => d === best).length > 1 ? 'unclear' : subjects[near.indexOf(best)]!,
    });
  });
  return out;
}

/** Does the text give an amount of a nutrient, for the "how much" answer? */
export function givesAnAmount(read: ReadAmounts, knowledge: Knowledge): boolean {
  return amountsOf(read, subjectsOf(nameHits(read.folded, knowledge))).length > 0;
}

const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 3 });
const UNIT_WORD: Record<AmountUnit, string> = { mg: 'mg', g: 'g', mcg: 'mcg', iu: 'IU' };

/** The amount in the limit's unit; null when the units do not convert (IU of a mineral). */
function inUnitOf(value: number, unit: AmountUnit, limit: UpperLimitAmount): number | null {
  const asMg = unit === 'g' ? value * 1000 : unit === 'mg' ? value : unit === 'mcg' ? value / 1000 : null;
  if (asMg !== null) return limit.unit === 'mg' ? asMg : asMg * 1000;
  return limit.iu_per_mcg === undefined || limit.unit !== 'mcg' ? null : value / limit.iu_per_mcg;
}

/** "28 times" when the amount is a whole number of times the limit, "more than 28 times" above it. */
function times(ratio: number): string {
  if (ratio < 2) return 'more than';
  const whole = Math.floor(ratio + 1e-9);
  return Math.abs(ratio - whole) < 1e-9 ? `${whole} times` : `more than ${whole} times`;
}

interface Said {
  lines: string[];
  over: boolean;
}

/** What is said about one amount of one nutrient, against its limits. */
function against(a: SaidAmount, subject: Subject, compound: boolean): Said | null {
  if (a.value === null) {
    return {
      lines: [`I cannot tell what "${a.typed}" means. So I cannot compare it with the official upper limit.`],
      over: false,
    };
  }
  if (a.unit === null) {
    return {
      lines: [
        `I cannot tell if "${a.typed}" is in mg, mcg or IU. So I cannot compare it with the official upper limit.`,
      ],
      over: false,
    };
  }
  const said = `${number(a.value)} ${UNIT_WORD[a.unit]}`;
  const limits = subject.limits
    .map((limit) => ({ limit, value: inUnitOf(a.value!, a.unit!, limit) }))
    .filter((x): x is { limit: UpperLimitAmount; value: number } => x.value !== null);
  if (limits.length === 0) {
    return {
      lines: [
        `The limit for ${subject.nutrient} is in ${UNIT_WORD[subject.limits[0]!.unit]}, not in ${UNIT_WORD[a.unit]}. So I cannot compare them.`,
      ],
      over: false,
    };
  }
  const over = limits.filter(({ limit, value }) => value > limit.amount * (1 + 1e-9));
  if (over.length === 0) return null;
  const forAll = limits.filter((x) => x.limit.ages === undefined);
  // Over every adult's limit, or only over one for some ages ("from age 51").
  const all = forAll.length > 0 && forAll.every((x) => over.includes(x));
  const { limit, value } = all
    ? forAll.reduce((hi, x) => (x.limit.amount > hi.limit.amount ? x : hi))
    : over.reduce((lo, x) => (x.limit.amount < lo.limit.amount ? x : lo));
  // Said in the person's unit when it converts exactly (IU), else in the limit's.
  const inIu = a.unit === 'iu' && limit.iu_per_mcg !== undefined;
  const limitSaid = inIu
    ? `${number(limit.amount * limit.iu_per_mcg!)} IU`
    : `${number(limit.amount)} ${UNIT_WORD[limit.unit]}`;
  const howMuch = limit.ages
    ? `${times(value / limit.amount)} the limit ${limit.ages}, which is ${limitSaid} a day`
    : `${times(value / limit.amount)} the official upper limit of ${limitSaid} a day`;
  const lines: string[] = [];
  if (compound) {
    // "500mg magnesium citrate" may be the weight of the whole compound, not the magnesium in it.
    lines.push(`Check the label for how much ${subject.nutrient} itself is in each dose.`);
    lines.push(`If it says ${said}, that is ${howMuch}.`);
  } else if (inIu || a.unit === limit.unit) {
    lines.push(`You said ${said} of ${subject.nutrient}.`, `That is ${howMuch}.`);
  } else {
    lines.push(
      `You said ${said} of ${subject.nutrient}.`,
      `That is ${number(value)} ${UNIT_WORD[limit.unit]}.`,
      `It is ${howMuch}.`,
    );
  }
  return { lines, over: true };
}

export const TALK_BEFORE_MORE = 'Please talk to a doctor or pharmacist before you take any more.';
/**
 * Upper limits are for healthy people, not treatment a doctor supervises (65 mg of iron is the
 * usual prescribed tablet): "before you take any more" must not read as "stop" (clinical review 6, R13).
 */
export const KEEP_IF_PRESCRIBED =
  'If a doctor prescribed it, keep taking it as they said. Ask them if you are not sure.';

/**
 * The "how much" answer for the nutrients a follow-up names: what each amount is against its
 * limit, then each nutrient's limit (a child's text for a child), never a dose.
 */
export function answerAmounts(
  read: ReadAmounts,
  knowledge: Knowledge,
  cite: Citations,
  lines: string[],
  { child, cautions }: { child: boolean; cautions: readonly Claim[] },
): void {
  const hits = nameHits(read.folded, knowledge);
  const subjects = subjectsOf(hits);
  const causes = [...new Set(subjects.map((s) => s.cause))];
  // "Methylcobalamin is a form of vitamin B12." when one was named.
  for (const cause of causes) {
    for (const form of cause.forms) {
      const names = form.names.map(foldedName);
      if (hits.some((h) => h.cause === cause && names.includes(h.name))) lines.push(cite.use(form));
    }
  }
  if (!child) {
    const weekly = saysLongerThanADay(read.folded.join(' '));
    const compound = namesACompound(read.folded.join(' '));
    const seen = new Set<string>();
    let over = false;
    let unpaired = false;
    for (const { i, subject } of amountsOf(read, subjects)) {
      const a = read.amounts[i]!;
      if (subject === 'unclear') {
        unpaired = true;
        continue;
      }
      if (subject.limits.length === 0 || !subject.cause.upper_limit) continue;
      if (weekly) {
        if (!seen.has('weekly'))
          lines.push(
            cite.use({
              text: 'The official upper limit is for one day. So I cannot compare it with what you take over a week or a month.',
              sources: subject.cause.upper_limit.sources,
            }),
          );
        seen.add('weekly');
        continue;
      }
      const said = against(a, subject, compound);
      if (!said) continue;
      const key = said.lines.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      for (const text of said.lines)
        lines.push(cite.use({ text, sources: subject.cause.upper_limit.sources }));
      over ||= said.over;
    }
    if (unpaired)
      lines.push(
        'I cannot tell which amount goes with which supplement. So I cannot compare them with the official upper limits.',
      );
    if (over) lines.push(TALK_BEFORE_MORE, KEEP_IF_PRESCRIBED);
  }
  // Kidney disease, a potassium-raising medicine: before anything about limits (exploratory 5, S9).
  for (const c of cautions) lines.push(cite.use(c));
  lines.push('I cannot suggest a dose. Only a doctor who knows the blood results can.');
  for (const cause of causes) {
    // The adult limit is never given for a child: children's limits go by age.
    if (child && cause.upper_limit_child) lines.push(cite.use(cause.upper_limit_child));
    else if (!child && cause.upper_limit) lines.push(`For safety: ${cite.use(cause.upper_limit)}`);
  }
  lines.push(knowledge.disclaimers.supplements);
}

/**
 * An amount of something calfbot has no limit for ("1000mg vitamin C", "400mg ibuprofen"): said
 * honestly, naming the nutrients it can compare.
 */
export function noLimitKnown(knowledge: Knowledge): string[] {
  const nutrients = [
    ...new Set([...knowledge.causes.values()].flatMap((c) => c.upper_limit_amount.map((l) => l.nutrient))),
  ];
  return [
    'I do not know an official upper limit for that. So I cannot tell you if that amount is safe.',
    'I only know the official upper limits of these:',
    ...nutrients.map((n) => `- ${n}`),
    'For anything else, please ask a doctor or pharmacist.',
  ];
}
