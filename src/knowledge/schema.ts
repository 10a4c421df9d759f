/**
 * The shape of the knowledge files in `knowledge/`. Clinicians edit YAML; this schema is the
 * contract the code relies on. Cross-references (source ids, finding ids, cause ids) are checked
 * after parsing in `validate-references.ts`.
 */
import { z } from 'zod';
import { TRIAGE_LEVELS } from '../conversation/types.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'ids are lower-case letters, digits, _ or -');
const sourceIds = z.array(id).min(1, 'every claim needs at least one source id');
const text = z.string().trim().min(1);

/** A sentence the bot may say, with the sources that back it. */
export const claimSchema = z.strictObject({ text, sources: sourceIds });
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
  /** Phrasings that, in the same clause, mean this finding is NOT meant (e.g. "both legs swollen"). */
  unless: z.array(text).default([]),
  /** Phrasings that say the finding is absent without naming it ("I don't take any medicines"). */
  denials: z.array(text).default([]),
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
  blood_test: claimSchema.optional(),
  evidence: z
    .strictObject({ strength: z.enum(['weak', 'moderate', 'strong']), text, sources: sourceIds })
    .optional(),
  what_to_do: z.array(claimSchema).min(1),
  watch_for: z.array(claimSchema).default([]),
  scoring: z.strictObject({
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
  triage: z.enum(['urgent', 'emergency', 'see_doctor']),
  cause: id,
  advice: claimSchema,
});
export type RedFlagRule = z.infer<typeof redFlagRuleSchema>;
export const redFlagsFileSchema = z.strictObject({ rules: z.array(redFlagRuleSchema).min(1) });

export const regionSchema = z.strictObject({
  name: text,
  emergency: text,
  /** Where to get same-day medical advice ("NHS 111", "your doctor or an urgent care clinic"). */
  urgent: text,
  sources: sourceIds,
  /** Two-letter country codes this region also serves (EMERGENCY_REGION=DE → EU). */
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
});
export const triageAdviceSchema = z.strictObject({
  /** May use {emergency} and {urgent}, filled from the region. */
  headline: text,
  next_step: text,
});
export const careFileSchema = z.strictObject({
  default_region: z.string().regex(/^[A-Z]{2}$/),
  regions: z.record(z.string().regex(/^[A-Z]{2}$/), regionSchema),
  triage: z.strictObject({
    emergency: triageAdviceSchema,
    urgent: triageAdviceSchema,
    see_doctor: triageAdviceSchema,
    self_care: triageAdviceSchema,
  }),
});

export const disclaimersFileSchema = z.strictObject({
  /** Ends every assessment. */
  assessment: text,
  /** Shown when a conversation starts. */
  greeting: text,
  /** About supplements, attached whenever nutrients come up. */
  supplements: text,
});

export interface Knowledge {
  sources: Map<string, z.infer<typeof sourceSchema>>;
  findings: Map<string, Finding>;
  groups: QuestionGroup[];
  causes: Map<string, Cause>;
  redFlags: RedFlagRule[];
  care: z.infer<typeof careFileSchema>;
  disclaimers: z.infer<typeof disclaimersFileSchema>;
}
