/**
 * Builds the assessment from what is known: the triage advice first, then the ranked causes and
 * the findings they rest on, an honest word on the evidence, what to do, what to watch for, what
 * to tell a doctor, the sources behind every sentence, and the disclaimer.
 */
import type { Knowledge } from '../knowledge/schema.js';
import { evaluate, type RankedEntry } from '../triage/evaluate.js';
import { Citations } from './cite.js';
import type { AssessmentReply, Choice } from './types.js';

const CAUSES_SHOWN_MAX = 3;
const HINT_FRACTION = 0.5;

export function regionOf(knowledge: Knowledge, region: string) {
  const { regions } = knowledge.care;
  const r = Object.hasOwn(regions, region) ? regions[region]! : regions[knowledge.care.default_region]!;
  const fill = (s: string) => s.replaceAll('{emergency}', r.emergency).replaceAll('{urgent}', r.urgent);
  return { ...r, fill };
}

function labels(knowledge: Knowledge, ids: string[]): string {
  return ids.map((id) => knowledge.findings.get(id)?.label.toLowerCase() ?? id).join('; ');
}

function shownCauses(ranked: RankedEntry[]): RankedEntry[] {
  const supported = ranked.filter((r) => r.supported);
  // An unsupported cause is mentioned only when it is at least half-way to its threshold.
  const hinted = ranked.filter(
    (r) => !r.supported && r.because.length > 0 && r.score >= r.cause.scoring.threshold * HINT_FRACTION,
  );
  const shown = [...supported, ...hinted].slice(0, CAUSES_SHOWN_MAX);
  return shown.length > 0 ? shown : ranked.slice(0, 1);
}

export function composeAssessment(
  knowledge: Knowledge,
  findings: Readonly<Record<string, Choice>>,
  regionCode: string,
): AssessmentReply {
  const outcome = evaluate(knowledge, findings);
  const region = regionOf(knowledge, regionCode);
  const cite = new Citations(knowledge);
  const care = knowledge.care.triage[outcome.triage];
  const headline = region.fill(care.headline);
  cite.add(region.sources);

  const causes = shownCauses(outcome.ranked);
  const nextSteps: string[] = [region.fill(care.next_step)];
  for (const f of outcome.fired.slice(0, 2)) {
    const advice = region.fill(cite.use(f.rule.advice));
    if (!nextSteps.includes(advice)) nextSteps.push(advice);
  }
  const lead = causes[0]!;
  for (const todo of lead.cause.what_to_do.slice(0, outcome.fired.length > 0 ? 1 : 3)) {
    nextSteps.push(region.fill(cite.use(todo)));
  }

  const paragraphs: string[] = [headline];
  paragraphs.push(nextSteps.map((s) => `- ${s}`).join('\n'));

  const causeLines = causes.map((c, i) => {
    const why = c.because.length > 0 ? ` (you mentioned: ${labels(knowledge, c.because)})` : '';
    return `${i + 1}. ${c.cause.name}: ${cite.use(c.cause.summary)}${why}`;
  });
  paragraphs.push(`What might be behind it, most likely first:\n${causeLines.join('\n')}`);

  const nutrients = causes.filter((c) => c.cause.kind === 'nutrient');
  const evidence: string[] = [];
  for (const c of nutrients) {
    if (c.cause.evidence) evidence.push(`${c.cause.name}: ${cite.use(c.cause.evidence)}`);
    if (c.cause.upper_limit) evidence.push(cite.use(c.cause.upper_limit));
  }
  if (nutrients.length > 0) {
    evidence.push(knowledge.disclaimers.supplements);
  } else if (outcome.triage === 'self_care' || outcome.triage === 'see_doctor') {
    const cramps = knowledge.causes.get('nocturnal_leg_cramps');
    if (cramps?.evidence && causes.some((c) => c.cause.kind === 'pattern' || c.cause.kind === 'nutrient')) {
      evidence.push(cite.use(cramps.evidence));
    }
  }
  if (evidence.length > 0)
    paragraphs.push(`A word on the evidence:\n${evidence.map((e) => `- ${e}`).join('\n')}`);

  const watchFor: string[] = [];
  for (const c of causes.slice(0, 2)) {
    for (const w of c.cause.watch_for.slice(0, 3)) {
      const t = region.fill(cite.use(w));
      if (!watchFor.includes(t)) watchFor.push(t);
    }
  }
  if (watchFor.length > 0) paragraphs.push(`Watch for:\n${watchFor.map((w) => `- ${w}`).join('\n')}`);

  let doctorSummary: string | undefined;
  if (outcome.triage === 'see_doctor') {
    const reported = Object.entries(findings)
      .filter(([, v]) => v === 'yes')
      .map(([f]) => f);
    const unsure = Object.entries(findings)
      .filter(([, v]) => v === 'unsure')
      .map(([f]) => f);
    const tests = causes
      .filter((c) => c.supported && c.cause.blood_test)
      .map((c) => cite.use(c.cause.blood_test!));
    const lines = [
      `What I reported: ${reported.length ? labels(knowledge, reported) : 'sore or cramping calves'}.`,
      ...(unsure.length ? [`Not sure about: ${labels(knowledge, unsure)}.`] : []),
      ...(tests.length ? [`Tests I could ask about: ${tests.join(' ')}`] : []),
    ];
    doctorSummary = lines.join('\n');
    paragraphs.push(`What to tell your doctor:\n${doctorSummary}`);
  }

  return {
    kind: 'assessment',
    triage: outcome.triage,
    headline,
    nextSteps,
    causes: causes.map((c) => ({
      id: c.cause.id,
      because: c.because,
      name: c.cause.name,
      summary: c.cause.summary.text,
      score: Math.round(c.score * 100) / 100,
    })),
    text: paragraphs.join('\n\n'),
    watchFor,
    evidence,
    ...(doctorSummary ? { doctorSummary } : {}),
    sources: cite.refs,
    disclaimer: knowledge.disclaimers.assessment,
  };
}
