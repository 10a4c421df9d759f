/**
 * The shape of the knowledge files in `knowledge/`. Clinicians edit YAML; this schema is the
 * contract the code relies on. Cross-references (source ids, finding ids, cause ids) are checked
 * after parsing in `validate-references.ts`.
 */
import { z } from 'zod';
import { TRIAGE_LEVELS } from '../vocabulary.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'ids are lower-case letters, digits, _ or -');
const sourceIds = z.array(id).min(1, 'every claim needs at least one source id');
const text = z.string().trim().min(1);

/**
 * A sentence the bot may say, with the sources that back it. `advises` is the level of care the
 * sentence itself tells the person to seek ("See a GP if..." is see_doctor, "Rest at home" is
 * self_care); an assessment never shows a sentence that advises less than its own level.
 * `only_for` limits a sentence to people in one region's health system (e.g. UK for NHS 111).
 */
export const claimSchema = z.strictObject({
  text,
  sources: sourceIds,
  advises: z.enum(TRIAGE_LEVELS).optional(),
  /**
   * The levels at which the sentence may be said at all ("I hope your calves feel better soon"
   * only at self_care and see_doctor; "Please do not wait" only at urgent and emergency).
   */
  at: z.array(z.enum(TRIAGE_LEVELS)).optional(),
  /** Said only when one of these findings is present ("On a statin, ..." only to statin users). */
  when: z.array(id).optional(),
  /** Not said when one of these findings is present ("it often settles" not after a birth). */
  unless: z.array(id).optional(),
});
export type Claim = z.infer<typeof claimSchema>;

export const sourceSchema = z.strictObject({
  id,
  title: text,
  publisher: text,
  url: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
  reviewed: z.iso.date({ error: 'must be a date like 2026-11-27' }),
});
export const sourcesFileSchema = z.strictObject({ sources: z.array(sourceSchema).min(1) });

export const findingSchema = z.strictObject({
  id,
  /** Short label for a multi-select option. */
  label: text,
  /** How it is named back to the person ("you mentioned: ...") when the label is a list. */
  short: text.optional(),
  /** The yes/no question text. */
  question: text,
  /** One sentence on why it is asked. */
  why: text,
  red_flag: z.boolean().default(false),
  /**
   * Everyday phrasings. Words are matched on their own (plurals folded: "calves" is "calf");
   * `=word` matches exactly that word (`=legs` is not "leg"); `word*` matches any word starting
   * with `word`; `...` allows up to four other words in between. Case and punctuation are ignored.
   */
  phrasings: z.array(text).min(1),
  /**
   * Phrasings that count only in an answer to a question about this finding: "both feet"
   * answers "are both legs swollen?", but "pins and needles in both feet" is not swelling.
   */
  answer_phrasings: z.array(text).default([]),
  /** Phrasings that, in the same clause, mean this finding is NOT meant (e.g. "both legs swollen"). */
  unless: z.array(text).default([]),
  /** Phrasings that say the finding is absent without naming it ("I don't take any medicines"). */
  denials: z.array(text).default([]),
  /** Denials that count only in an answer to a question about this finding ("both" to "one calf only?"). */
  answer_denials: z.array(text).default([]),
  /**
   * The finding is a list (a clot risk: surgery, a long trip, the pill, cancer, a past clot...):
   * denying one item ("I've never had a clot") is not a "no" to the whole, so it is still asked.
   * A denial in an answer to its own question still counts.
   */
  list: z.boolean().default(false),
  /**
   * When given, free text counts for this finding only if the same message also says one of
   * these ("rock hard" means compartment syndrome only with an injury or a cast).
   */
  context: z.array(text).default([]),
  /**
   * Findings that, once said yes earlier in the conversation, are context enough: a pregnancy said
   * in the opening makes "my face has gone puffy" in a later answer a warning sign.
   */
  context_findings: z.array(id).default([]),
  /**
   * When given, the finding is asked about only once one of these findings is present (or
   * unsure): pregnancy warning signs only in pregnancy. Said in free text, it always counts.
   */
  ask_if: z.array(id).default([]),
  /** Not asked once one of these is present: a child is not asked about statins. Said, it counts. */
  ask_unless: z.array(id).default([]),
  /**
   * A warning sign asked on its own, as a yes/no question before the screen it belongs to, once
   * one of these is present: with a clot risk known, "is it one calf only?" decides the advice,
   * and in a list of ten dangers it is easily passed over with "none" (exploratory test 6, S2).
   */
  ask_alone_if: z.array(id).default([]),
  /** Findings that are present whenever this one is (pregnancy is a clot risk factor). */
  implies: z.array(id).default([]),
  sources: sourceIds,
});
export type Finding = z.infer<typeof findingSchema>;
export const findingsFileSchema = z.strictObject({ findings: z.array(findingSchema).min(1) });

export const questionGroupSchema = z.strictObject({
  id,
  text,
  why: text,
  /** Red-flag screen groups are asked before anything else. */
  screen: z.boolean().default(false),
  findings: z.array(id).min(1),
});
export type QuestionGroup = z.infer<typeof questionGroupSchema>;
export const questionsFileSchema = z.strictObject({ groups: z.array(questionGroupSchema).min(1) });

const triage = z.enum(TRIAGE_LEVELS);

export const foodSchema = z.strictObject({ food: text, amount: text, sources: sourceIds });

/** One official upper limit as a number (NIH ODS tables), for comparing an amount someone takes. */
export const upperLimitAmountSchema = z.strictObject({
  /** The nutrient as said in a sentence: "magnesium", "vitamin D", "calcium". */
  nutrient: text,
  /** Words that name this nutrient when the cause covers more than one; empty: all the cause's names. */
  names: z.array(text).default([]),
  amount: z.number().positive(),
  unit: z.enum(['mg', 'mcg']),
  /** International units in 1 mcg (vitamin D: 40). Without it an amount in IU is not compared. */
  iu_per_mcg: z.number().positive().optional(),
  /** The adults this limit is for when it is not all of them ("from age 51"), said with it. */
  ages: text.optional(),
});
export type UpperLimitAmount = z.infer<typeof upperLimitAmountSchema>;

/**
 * A child's official upper limit for one age band (NIH ODS tables), compared with an amount once
 * the child's age is known. `text` says the band's limit as a sentence; the comparison follows it.
 */
export const childLimitAmountSchema = z.strictObject({
  nutrient: text,
  /** Words that name this nutrient when the cause covers more than one; empty: all the cause's names. */
  names: z.array(text).default([]),
  /** The ages (in whole years, both included) the limit is for. */
  from_age: z.number().int().min(0),
  to_age: z.number().int().max(17),
  amount: z.number().positive(),
  unit: z.enum(['mg', 'mcg']),
  iu_per_mcg: z.number().positive().optional(),
  text,
  sources: sourceIds,
});
export type ChildLimitAmount = z.infer<typeof childLimitAmountSchema>;

export const causeSchema = z.strictObject({
  id,
  name: text,
  /** Words people use for it in follow-up questions ("magnesium", "b12"). */
  aliases: z.array(text).default([]),
  kind: z.enum(['red_flag', 'condition', 'nutrient', 'pattern', 'medicine']),
  /** The triage level when this cause is supported. */
  triage,
  summary: claimSchema,
  mechanism: claimSchema.optional(),
  symptoms: z.array(claimSchema).default([]),
  at_risk: z.array(claimSchema).default([]),
  food_sources: z.array(foodSchema).default([]),
  upper_limit: claimSchema.optional(),
  /**
   * The adult upper limits as numbers, so "I take 500mg a day, is that ok?" can be told it is
   * above one (never a dose: only the limits the `upper_limit` text already quotes). One entry per
   * nutrient and age band; `names` picks the nutrient when a cause covers two (vitamin D and
   * calcium). A cause with these must also have `upper_limit` and `upper_limit_child`.
   */
  upper_limit_amount: z.array(upperLimitAmountSchema).default([]),
  /**
   * Said to a parent instead of `upper_limit`: a child's limits go by age, so the adult number is
   * never given for a child.
   */
  upper_limit_child: claimSchema.optional(),
  /** A child's limits by age band, compared when the child's age is known (else `upper_limit_child`). */
  upper_limit_child_amount: z.array(childLimitAmountSchema).default([]),
  /**
   * Said in every follow-up answer about this nutrient to the people they fit (`when`): kidney
   * disease, a medicine that raises potassium. Said first, before anything that could read as "fine".
   */
  cautions: z.array(claimSchema).default([]),
  /**
   * Other names of the nutrient in a supplement ("methylcobalamin" is vitamin B12): they find
   * this cause, and `text` says what they are when someone uses one.
   */
  forms: z.array(z.strictObject({ names: z.array(text).min(1), text, sources: sourceIds })).default([]),
  blood_test: claimSchema.optional(),
  evidence: z
    .strictObject({
      strength: z.enum(['weak', 'moderate', 'strong']),
      text,
      sources: sourceIds,
      /** Not said when one of these findings is present (the older adults' trial to a child's parent). */
      unless: z.array(id).optional(),
    })
    .optional(),
  what_to_do: z.array(claimSchema).min(1),
  watch_for: z.array(claimSchema).default([]),
  scoring: z.strictObject({
    /**
     * When given, the cause is never supported or mentioned unless one of these findings is
     * present (growing pains need a child; pregnancy cramps need a pregnancy).
     */
    requires: z.array(id).default([]),
    /** Starting score before any finding. */
    prior: z.number().default(0),
    /** Score at which the cause counts as supported (and its triage level applies). */
    threshold: z.number().positive(),
    /** finding id → weight added when the finding is present (half when unsure). Negative weights count against. */
    weights: z.record(id, z.number()),
    /** finding id → weight added when the finding is known to be absent. */
    absent: z.record(id, z.number()).default({}),
  }),
});
export type Cause = z.infer<typeof causeSchema>;

export const redFlagRuleSchema = z.strictObject({
  id,
  /** Every finding listed must be present. */
  all: z.array(id).min(1),
  /** And, when given, at least one of these. */
  any: z.array(id).default([]),
  /** The rule does not fire when any of these is present: they explain the finding another way. */
  unless: z.array(id).default([]),
  triage: z.enum(['urgent', 'emergency', 'see_doctor']),
  /** The condition the rule points to; none when the rule is for a sign nothing explains. */
  cause: id.optional(),
  advice: claimSchema,
});
export type RedFlagRule = z.infer<typeof redFlagRuleSchema>;
export const redFlagsFileSchema = z.strictObject({ rules: z.array(redFlagRuleSchema).min(1) });

export const regionSchema = z.strictObject({
  name: text,
  emergency: text,
  /** Where to get same-day medical advice ("NHS 111", "your doctor or an urgent care clinic"). */
  urgent: text,
  /** Who to book an ordinary appointment with ("your GP", "your doctor"). */
  doctor: text,
  sources: sourceIds,
  /** Two-letter country codes this region also serves (EMERGENCY_REGION=DE → EU). */
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
});
export const triageAdviceSchema = z.strictObject({
  /** May use {emergency}, {urgent} and {doctor}, filled from the region. */
  headline: text,
  next_step: text,
  /** Said instead of next_step when a step below it advises more urgent care (a statin's muscle pain). */
  next_step_sooner: text.optional(),
});
export const careFileSchema = z.strictObject({
  /** Said when nothing the person described points to a cause, with the next step for that. */
  unexplained: z.strictObject({
    text: claimSchema,
    /** Said after `text` only where it fits the level ("it often settles on its own": self care). */
    reassurance: claimSchema.optional(),
    next_steps: z.array(claimSchema).min(1),
  }),
  default_region: z.string().regex(/^[A-Z]{2}$/),
  /** Used when the person's region is not known or has no entry. */
  unknown_region: regionSchema,
  regions: z.record(z.string().regex(/^[A-Z]{2}$/), regionSchema),
  /** The numbers where the person is: asked for, or after they name a place after the answer. */
  numbers_here: text,
  triage: z.strictObject({
    emergency: triageAdviceSchema,
    urgent: triageAdviceSchema,
    see_doctor: triageAdviceSchema,
    self_care: triageAdviceSchema,
  }),
});

/** A class of medicines, the names people use for them, and the findings taking one means. */
export const medicineClassSchema = z.strictObject({
  id,
  name: text,
  findings: z.array(id).min(1),
  /** Generic and brand names, in the phrasing grammar of findings.yaml. */
  names: z.array(text).min(1),
  sources: sourceIds,
});
export type MedicineClass = z.infer<typeof medicineClassSchema>;
export const medicinesFileSchema = z.strictObject({ classes: z.array(medicineClassSchema).min(1) });

/**
 * The most of a painkiller an adult may take (NHS), to say plainly when an amount someone says is
 * more ("1000mg paracetamol every 2 hours"). Never a dose: only the maximum the `over` text quotes.
 */
export const doseLimitSchema = z.strictObject({
  medicine: text,
  /** Its names, generic and brand, in the phrasing grammar (single words). */
  names: z.array(text).min(1),
  /** The most in one dose, in mg. */
  most_at_once_mg: z.number().positive(),
  /** The most in 24 hours, in mg. */
  most_a_day_mg: z.number().positive(),
  /** The fewest hours between two doses. */
  hours_apart: z.number().positive(),
  /**
   * Set when the person says they have already taken more than this ("I took 1000mg every 2 hours
   * today"): paracetamol's is the poisoning finding, whose rule says 999 now.
   */
  overdose_finding: id.optional(),
  /**
   * Tablets counted, not weighed ("I took 12 of my nan's co-codamol", "10 Dolo 650"): what one
   * usual tablet of each name holds of this medicine, in mg. Names are single words, as in `names`.
   */
  tablets: z.array(z.strictObject({ names: z.array(text).min(1), mg: z.number().positive() })).default([]),
  /** Said, after the amount is said back, when it is over any of the three. */
  over: z.array(claimSchema).min(1),
});
export type DoseLimit = z.infer<typeof doseLimitSchema>;

/** A question people ask after an assessment ("can I take ibuprofen?"), with its answer. */
export const followUpTopicSchema = z.strictObject({
  id,
  phrasings: z.array(text).min(1),
  /**
   * Phrasings that count only when the message names no cause: "what can I take for the pain?" is
   * about painkillers, but "is magnesium good for the pain?" is about magnesium.
   */
  general_phrasings: z.array(text).default([]),
  /** Amounts of these medicines are said back against their most (painkillers). */
  dose_limits: z.array(doseLimitSchema).default([]),
  answer: z.array(claimSchema).min(1),
});
export type FollowUpTopic = z.infer<typeof followUpTopicSchema>;
export const followUpsFileSchema = z.strictObject({ topics: z.array(followUpTopicSchema).min(1) });

export const disclaimersFileSchema = z.strictObject({
  /** Ends every assessment. */
  assessment: text,
  /** About supplements, attached whenever nutrients come up. */
  supplements: text,
});

export interface Knowledge {
  sources: Map<string, z.infer<typeof sourceSchema>>;
  findings: Map<string, Finding>;
  groups: QuestionGroup[];
  causes: Map<string, Cause>;
  redFlags: RedFlagRule[];
  medicines: MedicineClass[];
  followUps: FollowUpTopic[];
  care: z.infer<typeof careFileSchema>;
  disclaimers: z.infer<typeof disclaimersFileSchema>;
}
