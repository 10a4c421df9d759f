/**
 * "I take 500mg magnesium a day, is that ok?": the amount said back against the official adult
 * upper limit the knowledge quotes (NIH ODS), in the limit's unit. Never a dose, and never a
 * guess: an amount whose unit, number or nutrient is unclear is said to be unclear, not compared.
 */
import type { Cause, ChildLimitAmount, Claim, Knowledge, UpperLimitAmount } from '../knowledge/schema.js';
import {
  type AmountUnit,
  amountsIn,
  COMPOUND_WORDS,
  dosesADay,
  namesACompound,
  type SaidAmount,
  saysLongerThanADay,
  type Taken,
  takenOf,
} from '../understanding/amounts.js';
import { fold, tokenize } from '../understanding/normalize.js';
import { foldedName, type NameHit, nameHits } from './cause-names.js';
import type { Citations } from './cite.js';

/** The text with its amounts read out, and the tokens a cause is looked for in. */
export interface ReadAmounts {
  /** The text as typed (how often an amount is taken is read from it). */
  text: string;
  amounts: SaidAmount[];
  /** Folded tokens of the text: each amount one placeholder token, each , ; : ( ) ! or ? `SEP` (not a full stop: "vit. d"). */
  folded: string[];
  /** Token index of each amount's placeholder. */
  at: number[];
}

const placeholder = (i: number) => `qty${i}x`;
const PLACEHOLDER = /^qty\d+x$/;
const SEP = 'sepx';
/** The token a , ; : ( ) ! or ? becomes in `folded`. */
export const SEP_TOKEN = SEP;

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
  return { text, amounts, folded, at: amounts.map((_, i) => folded.indexOf(placeholder(i))) };
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

const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 3 });
const UNIT_WORD: Record<AmountUnit, string> = { mg: 'mg', g: 'g', mcg: 'mcg', iu: 'IU' };

/** The amount in the limit's unit; null when the units do not convert (IU of a mineral). */
function inUnitOf(
  value: number,
  unit: AmountUnit,
  limit: Pick<UpperLimitAmount, 'unit' | 'iu_per_mcg'>,
): number | null {
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

/** One amount of one nutrient as said, and how often: read from a message, or kept from an earlier one. */
export interface Dose {
  /** The nutrient cause's id. */
  cause: string;
  nutrient: string;
  value: number | null;
  unit: AmountUnit | null;
  /** As typed, to say back when it is unclear. A kept dose is always clear, so nothing typed is kept. */
  typed: string;
  taken: Taken;
  /** Named as a compound ("magnesium citrate"): the label's mineral content may be less. */
  compound: boolean;
}

/** A dose kept from before the assessment: clear, for one day, with nothing as typed. */
export type HeldDose = Omit<Dose, 'typed' | 'value' | 'unit'> & { value: number; unit: AmountUnit };

/** The doses of a message worth keeping for after the assessment (clear, for a day, of a nutrient with limits). */
export function heldOf(found: ReadDoses, knowledge: Knowledge): HeldDose[] {
  if (found.weekly) return [];
  return found.doses.flatMap((d): HeldDose[] => {
    const cause = knowledge.causes.get(d.cause);
    if (d.value === null || d.unit === null || !cause?.upper_limit) return [];
    const { typed: _typed, value, unit, ...rest } = d;
    return [{ ...rest, value, unit }];
  });
}

/** Held doses as a reading, to be said back like any other (what was typed is rebuilt from the numbers). */
export function fromHeld(held: readonly HeldDose[], knowledge: Knowledge): ReadDoses {
  const doses = held.map((h): Dose => ({ ...h, typed: `${number(h.value)} ${UNIT_WORD[h.unit]}` }));
  const causes = [...new Set(held.map((h) => knowledge.causes.get(h.cause)))].filter(
    (c): c is Cause => c !== undefined,
  );
  return { doses, unpaired: false, weekly: false, causes };
}

/** The amounts a message gives, by nutrient. */
export interface ReadDoses {
  doses: Dose[];
  /** An amount between two nutrients, given to neither. */
  unpaired: boolean;
  /** "once a week": the amounts are not for one day. */
  weekly: boolean;
  /** The nutrients the message is about, in the order named. */
  causes: Cause[];
}

/** Words that leave an amount's subject unsaid: "so is 400mg ok for her?", "she takes 400mg a night, too much?". */
const UNSAID = new Set([
  ...BETWEEN,
  ...'so is are was what about how and but or if she he they we you her him them me us gives give gave giving given takes ok okay alright safe fine too much many enough bad high low for then instead right still now would could should can will be do does did lot really just only also more less than over under amount twice once thrice times hour hours one two three four five six sepx'.split(
    ' ',
  ),
]);

/**
 * The message gives an amount and names nothing it could be of: then, and only then, the amount is
 * of the supplement spoken of before ("is 1000mg of vitamin c ok?" is not of magnesium).
 */
export function onlyAnAmount(read: ReadAmounts): boolean {
  return (
    read.amounts.some((a) => !a.bare && a.unit !== null) &&
    read.folded.every((w) => PLACEHOLDER.test(w) || UNSAID.has(w))
  );
}

/** The nutrient spoken of before, for an amount said without one ("so is 400mg ok for her?"). */
export interface Spoken {
  cause: string;
  nutrient: string;
}

/**
 * The amounts in a message, each with its nutrient and how often it is taken. An amount with a
 * unit and no nutrient named in the whole message is of `about`, when one was spoken of before.
 */
export function dosesIn(read: ReadAmounts, knowledge: Knowledge, about?: Spoken): ReadDoses {
  const subjects = subjectsOf(nameHits(read.folded, knowledge));
  const joined = read.folded.join(' ');
  const compound = namesACompound(joined);
  const out: ReadDoses = { doses: [], unpaired: false, weekly: saysLongerThanADay(joined), causes: [] };
  const dose = (i: number, cause: string, nutrient: string): Dose => {
    const a = read.amounts[i]!;
    // How often is read up to the next amount with a unit ("every 2 hours": the 2 is not one).
    const next = read.amounts.find((b, j) => j > i && !b.bare)?.start ?? read.text.length;
    return {
      cause,
      nutrient,
      value: a.value,
      unit: a.unit,
      typed: a.typed,
      taken: takenOf(read.text, a, next),
      compound,
    };
  };
  const earlier = about ? knowledge.causes.get(about.cause) : undefined;
  if (subjects.length === 0 && earlier && onlyAnAmount(read)) {
    read.amounts.forEach((a, i) => {
      if (!a.bare && a.unit !== null) out.doses.push(dose(i, earlier.id, about!.nutrient));
    });
    if (out.doses.length > 0) out.causes.push(earlier);
    return out;
  }
  out.causes = [...new Set(subjects.map((s) => s.cause))];
  for (const { i, subject } of amountsOf(read, subjects)) {
    if (subject === 'unclear') out.unpaired = true;
    else out.doses.push(dose(i, subject.cause.id, subject.nutrient));
  }
  return out;
}

/** The nutrient a message is about, when it names exactly one: for a later "is 400mg ok?". */
export function spokenOf(read: ReadAmounts, knowledge: Knowledge): Spoken | undefined {
  const subjects = subjectsOf(nameHits(read.folded, knowledge));
  if (subjects.length !== 1) return undefined;
  return { cause: subjects[0]!.cause.id, nutrient: subjects[0]!.nutrient };
}

interface Said {
  lines: string[];
  over: boolean;
}

/** A limit to compare with: an adult's (with the ages it is for) or a child's age band. */
type Limit = Pick<UpperLimitAmount, 'amount' | 'unit' | 'iu_per_mcg' | 'ages'>;

/** "3 times a day", "every 2 hours", "3 at a time": how the dose is taken, when not once. */
function howTaken(t: Taken): string | null {
  if (t.everyHours !== null) return `every ${number(t.everyHours)} hour${t.everyHours === 1 ? '' : 's'}`;
  const n = dosesADay(t);
  if (n <= 1) return null;
  return t.daily ? `${n} times a day` : `${n} at a time`;
}

/**
 * The amount said back in the limit's unit: "You said 200 mg of magnesium, 3 times a day." and,
 * when it is not one dose or not in that unit, what it comes to ("That is 600 mg a day.").
 * Null when the number, the unit or the conversion is unclear (then `unclear` says so).
 */
function saidBack(
  d: Dose,
  limit: Limit,
  of: string,
): { lines: string[]; total: number; inIu: boolean } | { unclear: string } {
  if (d.value === null)
    return {
      unclear: `I cannot tell what "${d.typed}" means. So I cannot compare it with the official upper limit.`,
    };
  if (d.unit === null)
    return {
      unclear: `I cannot tell if "${d.typed}" is in mg, mcg or IU. So I cannot compare it with the official upper limit.`,
    };
  const one = inUnitOf(d.value, d.unit, limit);
  if (one === null) return { unclear: '' };
  const n = dosesADay(d.taken);
  const total = one * n;
  const inIu = d.unit === 'iu' && limit.iu_per_mcg !== undefined;
  const said = `${number(d.value)} ${UNIT_WORD[d.unit]}`;
  const how = howTaken(d.taken);
  const unitSaid = (v: number) =>
    inIu ? `${number(v * limit.iu_per_mcg!)} IU` : `${number(v)} ${UNIT_WORD[limit.unit]}`;
  const lines = [`You said ${said}${of}${how ? `, ${how}` : ''}.`];
  if (d.taken.everyHours !== null) lines.push(`That could be up to ${unitSaid(total)} in 24 hours.`);
  else if (n > 1) lines.push(`That is ${unitSaid(total)}${d.taken.daily ? ' a day' : ' in all'}.`);
  else if (!inIu && d.unit !== limit.unit) lines.push(`That is ${unitSaid(total)}.`);
  return { lines, total, inIu };
}

/** What is said about one adult's amount of one nutrient, against its limits. */
function against(d: Dose, limits: readonly UpperLimitAmount[]): Said | null {
  const checks = limits
    .map((limit) => ({ limit, back: saidBack(d, limit, ` of ${d.nutrient}`) }))
    .filter((x) => !('unclear' in x.back) || x.back.unclear !== '');
  if (checks.length === 0) {
    return {
      lines: [
        `The limit for ${d.nutrient} is in ${UNIT_WORD[limits[0]!.unit]}, not in ${UNIT_WORD[d.unit!]}. So I cannot compare them.`,
      ],
      over: false,
    };
  }
  const first = checks[0]!.back;
  if ('unclear' in first) return { lines: [first.unclear], over: false };
  const compared = checks.map(({ limit, back }) => ({
    limit,
    back: back as Exclude<typeof back, { unclear: string }>,
  }));
  const over = compared.filter(({ limit, back }) => back.total > limit.amount * (1 + 1e-9));
  if (over.length === 0) return null;
  const forAll = compared.filter((x) => x.limit.ages === undefined);
  // Over every adult's limit, or only over one for some ages ("from age 51").
  const all = forAll.length > 0 && forAll.every((x) => over.includes(x));
  const { limit, back } = all
    ? forAll.reduce((hi, x) => (x.limit.amount > hi.limit.amount ? x : hi))
    : over.reduce((lo, x) => (x.limit.amount < lo.limit.amount ? x : lo));
  // Said in the person's unit when it converts exactly (IU), else in the limit's.
  const limitSaid = back.inIu
    ? `${number(limit.amount * limit.iu_per_mcg!)} IU`
    : `${number(limit.amount)} ${UNIT_WORD[limit.unit]}`;
  const howMuch = limit.ages
    ? `${times(back.total / limit.amount)} the limit ${limit.ages}, which is ${limitSaid} a day`
    : `${times(back.total / limit.amount)} the official upper limit of ${limitSaid} a day`;
  if (d.compound) {
    // "500mg magnesium citrate" may be the weight of the whole compound, not the magnesium in it.
    const [first, ...rest] = back.lines;
    const said = first!
      .replace(/^You said /, '')
      .replace(/ of [^,.]+(?=[,.])/, '')
      .replace(/\.$/, '');
    return {
      lines: [
        `Check the label for how much ${d.nutrient} itself is in each dose.`,
        rest.length === 0
          ? `If it says ${said}, that is ${howMuch}.`
          : `If it says ${said}, ${rest
              .join(' ')
              .replace(/^That /, 'that ')
              .replace(/\.$/, '')}.`,
        ...(rest.length === 0 ? [] : [`It is ${howMuch}.`]),
      ],
      over: true,
    };
  }
  const lines = [...back.lines];
  lines.push(lines.length === 1 ? `That is ${howMuch}.` : `It is ${howMuch}.`);
  return { lines, over: true };
}

/** A child's amount against the band for their age: the band's limit first, then the amount. */
function againstChild(d: Dose, band: ChildLimitAmount): Said | null {
  const back = saidBack(d, band, '');
  if ('unclear' in back) return back.unclear === '' ? null : { lines: [back.unclear], over: false };
  if (back.total <= band.amount * (1 + 1e-9)) return null;
  const lines = [...back.lines];
  lines.push(`That is ${times(back.total / band.amount)} the limit.`);
  if (d.compound) lines.unshift(`Check the label for how much ${d.nutrient} itself is in each dose.`);
  return { lines, over: true };
}

/** The child's band for this nutrient and age, if the knowledge has one. */
function bandOf(cause: Cause, nutrient: string, age: number): ChildLimitAmount | undefined {
  return cause.upper_limit_child_amount.find(
    (b) => b.nutrient === nutrient && age >= b.from_age && age <= b.to_age,
  );
}

export const TALK_BEFORE_MORE = 'Please talk to a doctor or pharmacist before you take any more.';
/** For a child, who may be given it or take it: no "you take". */
export const ASK_BEFORE_MORE_CHILD = 'Please ask a doctor or pharmacist before any more is taken.';
/**
 * Upper limits are for healthy people, not treatment a doctor supervises (65 mg of iron is the
 * usual prescribed tablet): "before you take any more" must not read as "stop" (clinical review 6, R13).
 */
export const KEEP_IF_PRESCRIBED =
  'If a doctor prescribed it, keep taking it as they said. Ask them if you are not sure.';

/** Who the amounts are for: a child (and their age, when said) gets the child's limits. */
export interface ForWhom {
  child: boolean;
  /** The age said, if any: a child's limit goes by it. */
  age?: number;
  /** The nutrients' cautions that fit the person (kidney disease...), said before the limits. */
  cautions: readonly Claim[];
}

/**
 * What doses come to against their limits, then each nutrient's limit (a child's by age when it is
 * known, else the child text), never a dose.
 */
export function sayDoses(
  found: ReadDoses,
  knowledge: Knowledge,
  cite: Citations,
  lines: string[],
  { child, age, cautions }: ForWhom,
): void {
  const childAge = child && age !== undefined && age < 16 ? age : undefined;
  const seen = new Set<string>();
  let over = false;
  let overChild = false;
  const bandsSaid = new Set<ChildLimitAmount>();
  for (const d of found.doses) {
    const cause = knowledge.causes.get(d.cause);
    if (!cause?.upper_limit) continue;
    const limits = cause.upper_limit_amount.filter((l) => l.nutrient === d.nutrient);
    if (found.weekly && limits.length > 0 && (!child || childAge !== undefined)) {
      if (!seen.has('weekly'))
        lines.push(
          cite.use({
            text: 'The official upper limit is for one day. So I cannot compare it with what you take over a week or a month.',
            sources: cause.upper_limit.sources,
          }),
        );
      seen.add('weekly');
      continue;
    }
    if (child) {
      // A child's amount is compared only with the band for their age, never an adult's limit.
      const band = childAge !== undefined ? bandOf(cause, d.nutrient, childAge) : undefined;
      const said = band ? againstChild(d, band) : null;
      if (!band || !said) continue;
      const key = said.lines.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      if (said.over && !bandsSaid.has(band)) {
        lines.push(cite.use(band));
        bandsSaid.add(band);
      }
      for (const text of said.lines) lines.push(cite.use({ text, sources: band.sources }));
      overChild ||= said.over;
      continue;
    }
    if (limits.length === 0) continue;
    const said = against(d, limits);
    if (!said) continue;
    const key = said.lines.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    for (const text of said.lines) lines.push(cite.use({ text, sources: cause.upper_limit.sources }));
    over ||= said.over;
  }
  if (found.unpaired && !child)
    lines.push(
      'I cannot tell which amount goes with which supplement. So I cannot compare them with the official upper limits.',
    );
  if (over) lines.push(TALK_BEFORE_MORE, KEEP_IF_PRESCRIBED);
  if (overChild) lines.push(ASK_BEFORE_MORE_CHILD, KEEP_IF_PRESCRIBED);
  // Kidney disease, a potassium-raising medicine: before anything about limits (exploratory 5, S9).
  for (const c of cautions) lines.push(cite.use(c));
  lines.push('I cannot suggest a dose. Only a doctor who knows the blood results can.');
  for (const cause of found.causes) {
    if (!child) {
      if (cause.upper_limit) lines.push(`For safety: ${cite.use(cause.upper_limit)}`);
      continue;
    }
    // The adult limit is never given for a child: the band for their age, or the child text.
    const nutrients = [...new Set(found.doses.filter((d) => d.cause === cause.id).map((d) => d.nutrient))];
    const bands =
      childAge === undefined
        ? []
        : cause.upper_limit_child_amount.filter(
            (b) =>
              childAge >= b.from_age &&
              childAge <= b.to_age &&
              (nutrients.length === 0 || nutrients.includes(b.nutrient)),
          );
    if (bands.length > 0) {
      for (const b of bands) if (!bandsSaid.has(b)) lines.push(cite.use(b));
      // A nutrient of the cause with no band (vitamin D beside calcium) still gets the child text.
      const unbanded =
        nutrients.length === 0 ? [] : nutrients.filter((n) => !bands.some((b) => b.nutrient === n));
      if (unbanded.length > 0 && cause.upper_limit_child) lines.push(cite.use(cause.upper_limit_child));
    } else if (cause.upper_limit_child) lines.push(cite.use(cause.upper_limit_child));
  }
  lines.push(knowledge.disclaimers.supplements);
}

/**
 * The "how much" answer for the nutrients a follow-up names: what each amount is against its
 * limit, then each nutrient's limit (a child's for a child), never a dose.
 */
export function answerAmounts(
  read: ReadAmounts,
  knowledge: Knowledge,
  cite: Citations,
  lines: string[],
  who: ForWhom & { about?: Spoken },
): void {
  const hits = nameHits(read.folded, knowledge);
  const found = dosesIn(read, knowledge, who.about);
  // "Methylcobalamin is a form of vitamin B12." when one was named.
  for (const cause of found.causes) {
    for (const form of cause.forms) {
      const names = form.names.map(foldedName);
      if (hits.some((h) => h.cause === cause && names.includes(h.name))) lines.push(cite.use(form));
    }
  }
  sayDoses(found, knowledge, cite, lines, who);
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
