/**
 * Builds the assessment from what is known: the triage advice first, then the ranked causes and
 * the findings they rest on, an honest word on the evidence, what to do, what to watch for, what
 * to tell a doctor, the sources behind every sentence, and the disclaimer.
 */
import type { Claim, Knowledge } from '../knowledge/schema.js';
import { evaluate, type RankedEntry } from '../triage/evaluate.js';
import { type AssessmentReply, type Choice, type Triage, triageRank } from '../vocabulary.js';
import { Citations } from './cite.js';

const CAUSES_SHOWN_MAX = 3;
/** An unsupported cause is mentioned only when it is this close to its threshold. */
const HINT_FRACTION = 0.75;

export function regionOf(knowledge: Knowledge, region: string) {
  // A region calfbot has no care entry for gets plain wording: "your local emergency number".
  // A tentative one ("~UK", guessed from a client language) names its number and that wording.
  const { regions } = knowledge.care;
  const tentative = region.startsWith('~');
  const code = tentative ? region.slice(1) : region;
  const known = Object.hasOwn(regions, code) ? regions[code]! : knowledge.care.unknown_region;
  const r =
    tentative && known !== knowledge.care.unknown_region
      ? { ...known, emergency: `${known.emergency} (or your local emergency number)` }
      : known;
  const fill = (s: string) =>
    s
      .replaceAll('{emergency}', r.emergency)
      .replaceAll('{urgent}', r.urgent)
      .replaceAll('{doctor}', r.doctor);
  return { ...r, fill };
}

/** How findings are named back to the person: the short form where a label is a list. */
function labels(knowledge: Knowledge, ids: string[]): string {
  return ids
    .map((id) => {
      const f = knowledge.findings.get(id);
      return (f?.short ?? f?.label)?.toLowerCase() ?? id;
    })
    .join('; ');
}

function shownCauses(ranked: RankedEntry[], triage: Triage): RankedEntry[] {
  // At urgent and above nothing that reassures ("usually gets better in a few days") stands beside
  // the warning, and in an emergency no talk of nutrients: only causes that need a doctor are named
  // (low potassium after days of sickness, with a racing heart, is one that does).
  const fits = (r: RankedEntry) =>
    triageRank(triage) < triageRank('urgent') ||
    (triageRank(r.cause.triage) >= triageRank('see_doctor') &&
      (r.cause.kind !== 'nutrient' || triage !== 'emergency'));
  const supported = ranked.filter((r) => r.supported && fits(r));
  // An unsupported cause is mentioned only when it is at least half-way to its threshold.
  const hinted = ranked.filter(
    (r) =>
      !r.supported && fits(r) && r.because.length > 0 && r.score >= r.cause.scoring.threshold * HINT_FRACTION,
  );
  // Never a cause the person did not describe: with nothing supported or close, none is named.
  return [...supported, ...hinted].slice(0, CAUSES_SHOWN_MAX);
}

/** A sentence with `when` is said only to people with one of those findings. */
export const saysOf = (claim: Claim, findings: Readonly<Record<string, Choice>>) =>
  (claim.when === undefined || claim.when.some((f) => findings[f] === 'yes')) &&
  (claim.unless === undefined || !claim.unless.some((f) => findings[f] === 'yes'));

/** A sentence may be shown at this level unless it advises less care than the level itself. */
const fitsLevel = (claim: Claim, triage: Triage) =>
  (claim.at === undefined || claim.at.includes(triage)) &&
  (claim.advises === undefined || triageRank(claim.advises) >= triageRank(triage));

export function composeAssessment(
  knowledge: Knowledge,
  findings: Readonly<Record<string, Choice>>,
  regionCode: string,
): AssessmentReply {
  return composeWithSooner(knowledge, findings, regionCode).reply;
}

/**
 * The sentence of an assessment that advises more than its level ("book an appointment", with
 * "stop the statin and call straight away"): a follow-up such as "can it wait?" must not say less.
 */
export function soonerStep(
  knowledge: Knowledge,
  findings: Readonly<Record<string, Choice>>,
  regionCode: string,
): Claim | undefined {
  return composeWithSooner(knowledge, findings, regionCode).sooner;
}

function composeWithSooner(
  knowledge: Knowledge,
  findings: Readonly<Record<string, Choice>>,
  regionCode: string,
): { reply: AssessmentReply; sooner: Claim | undefined } {
  const outcome = evaluate(knowledge, findings);
  const region = regionOf(knowledge, regionCode);
  const cite = new Citations(knowledge);
  const care = knowledge.care.triage[outcome.triage];
  const headline = region.fill(care.headline);
  cite.add(region.sources);

  const causes = shownCauses(outcome.ranked, outcome.triage);
  const fits = (c: Claim) => fitsLevel(c, outcome.triage) && saysOf(c, findings);
  const nextSteps: string[] = [region.fill(care.next_step)];
  const stronger = (c: Claim) =>
    c.advises !== undefined && triageRank(c.advises) > triageRank(outcome.triage);
  let soonest: string | undefined;
  let sooner: Claim | undefined;
  const add = (claim: Claim) => {
    const text = region.fill(cite.use(claim));
    if (nextSteps.includes(text)) return;
    nextSteps.push(text);
    if (soonest === undefined && stronger(claim)) {
      soonest = text;
      sooner = claim;
    }
  };
  // A rule of a lower level speaks for that level ("check your legs today or tomorrow"): beside a
  // higher one it would blur what to do first, so only rules at the outcome's level are quoted.
  const atLevel = (r: (typeof outcome.fired)[number]) => triageRank(r.triage) >= triageRank(outcome.triage);
  for (const f of outcome.fired.filter((r) => atLevel(r) && fits(r.rule.advice)).slice(0, 2))
    add(f.rule.advice);
  const lead = causes[0];
  if (lead) {
    for (const todo of lead.cause.what_to_do.filter(fits).slice(0, outcome.fired.length > 0 ? 1 : 3))
      add(todo);
  } else if (outcome.fired.length === 0) {
    for (const step of knowledge.care.unexplained.next_steps.filter(fits)) add(step);
  }
  // What to do first comes first: "contact them straight away" leads, and "this is not an
  // emergency ... a week or two" is not said above it.
  if (soonest !== undefined && care.next_step_sooner) {
    nextSteps.splice(nextSteps.indexOf(soonest), 1);
    nextSteps.splice(0, 1, soonest, region.fill(care.next_step_sooner));
  }

  const paragraphs: string[] = [headline];
  paragraphs.push(nextSteps.map((s) => `- ${s}`).join('\n'));

  let unexplained: string | undefined;
  if (causes.length > 0) {
    const causeLines = causes.map((c, i) => {
      // What was said apart from what the person was not sure of ("idk" is not "you mentioned").
      const said = c.because.filter((f) => findings[f] !== 'unsure');
      const doubted = c.because.filter((f) => findings[f] === 'unsure');
      const parts = [
        ...(said.length ? [`you mentioned: ${labels(knowledge, said)}`] : []),
        ...(doubted.length ? [`you were not sure about: ${labels(knowledge, doubted)}`] : []),
      ];
      const why = parts.length ? ` (${parts.join('; ')})` : '';
      return `${i + 1}. ${c.cause.name}: ${region.fill(cite.use(c.cause.summary))}${why}`;
    });
    paragraphs.push(`What might be behind it, most likely first:\n${causeLines.join('\n')}`);
  } else {
    const { text, reassurance } = knowledge.care.unexplained;
    unexplained = region.fill(cite.use(text));
    if (reassurance && fits(reassurance)) unexplained += ` ${region.fill(cite.use(reassurance))}`;
    paragraphs.push(unexplained);
  }

  const nutrients = causes.filter((c) => c.cause.kind === 'nutrient');
  const evidence: string[] = [];
  for (const c of nutrients) {
    // An evidence text may be kept from some (`unless`): the adults' trial from a child's parent.
    if (c.cause.evidence && saysOf(c.cause.evidence, findings))
      evidence.push(`${c.cause.name}: ${cite.use(c.cause.evidence)}`);
  }
  if (nutrients.length > 0) {
    evidence.push(knowledge.disclaimers.supplements);
  } else if (outcome.triage === 'self_care' || outcome.triage === 'see_doctor') {
    const cramps = knowledge.causes.get('nocturnal_leg_cramps');
    // The night-cramps evidence belongs with cramps (or nutrients blamed for them), not growing pains.
    const crampy = ['nocturnal_leg_cramps', 'pregnancy_leg_cramps'];
    if (cramps?.evidence && causes.some((c) => crampy.includes(c.cause.id) || c.cause.kind === 'nutrient')) {
      evidence.push(cite.use(cramps.evidence));
    }
  }
  if (evidence.length > 0)
    paragraphs.push(`A word on the evidence:\n${evidence.map((e) => `- ${e}`).join('\n')}`);

  const watchFor: string[] = [];
  for (const c of causes.slice(0, 2)) {
    for (const w of c.cause.watch_for.filter(fits).slice(0, 3)) {
      const t = region.fill(cite.use(w));
      if (!watchFor.includes(t)) watchFor.push(t);
    }
  }
  if (watchFor.length > 0) paragraphs.push(`Watch for:\n${watchFor.map((w) => `- ${w}`).join('\n')}`);

  let doctorSummary: string | undefined;
  if (outcome.triage === 'see_doctor') {
    const said = Object.entries(findings)
      .filter(([, v]) => v === 'yes')
      .map(([f]) => f);
    // A finding another one implies is not listed beside it: "a blood thinner" already tells the
    // doctor more than "something that makes a clot more likely" (clinical review 7, R16).
    const implied = new Set(said.flatMap((f) => knowledge.findings.get(f)?.implies ?? []));
    const reported = said.filter((f) => !implied.has(f));
    const unsure = Object.entries(findings)
      .filter(([, v]) => v === 'unsure')
      .map(([f]) => f);
    const tests = causes
      .filter((c) => c.supported && c.cause.blood_test)
      .map((c) => cite.use(c.cause.blood_test!));
    const lines = [
      `What you told me: ${reported.length ? labels(knowledge, reported) : 'sore or cramping calves'}.`,
      ...(unsure.length ? [`Not sure about: ${labels(knowledge, unsure)}.`] : []),
      ...(tests.length ? [`Tests to ask about: ${tests.join(' ')}`] : []),
    ];
    doctorSummary = lines.join('\n');
    paragraphs.push(`What to tell your doctor:\n${doctorSummary}`);
  }

  const reply: AssessmentReply = {
    kind: 'assessment',
    triage: outcome.triage,
    headline,
    nextSteps,
    causes: causes.map((c) => ({
      id: c.cause.id,
      because: c.because.map((f) => {
        const finding = knowledge.findings.get(f);
        return { finding: f, label: finding?.short ?? finding?.label ?? f };
      }),
      name: c.cause.name,
      summary: c.cause.summary.text,
      score: Math.round(c.score * 100) / 100,
    })),
    text: paragraphs.join('\n\n'),
    watchFor,
    evidence,
    ...(doctorSummary ? { doctorSummary } : {}),
    ...(unexplained ? { unexplained } : {}),
    sources: cite.refs,
    disclaimer: knowledge.disclaimers.assessment,
  };
  return { reply, sooner };
}
