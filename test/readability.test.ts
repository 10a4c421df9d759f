/**
 * Plain language: every sentence calfbot can show a user (cause texts, questions and why, option
 * labels, red-flag advice, care headlines and next steps, disclaimers, conversation copy) is scored
 * with the Flesch–Kincaid grade. NIH and AMA advise grade 6–8 for patient material.
 */
import { describe, expect, it } from 'vitest';
import { copy } from '../src/conversation/copy.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Claim, Knowledge } from '../src/knowledge/schema.js';
import { fkGrade, sentencesOf } from './helpers/readability.js';

interface Located {
  where: string;
  text: string;
}

const AT_OR_BELOW_8_MIN_PCT = 95;
const HARD_MAX_GRADE = 12;

/** Every text a user can read, with where it lives, placeholders filled for one region. */
function userTexts(k: Knowledge, regionCode: string): Located[] {
  const r = k.care.regions[regionCode]!;
  const fill = (s: string) =>
    s
      .replaceAll('{emergency}', r.emergency)
      .replaceAll('{urgent}', r.urgent)
      .replaceAll('{doctor}', r.doctor);
  const out: Located[] = [];
  const add = (where: string, text: string | undefined) => {
    if (text) out.push({ where, text: fill(text) });
  };
  const claims = (where: string, list: readonly Claim[]) => {
    list.forEach((c, i) => {
      add(`${where}[${i}]`, c.text);
    });
  };

  for (const c of k.causes.values()) {
    const at = `causes/${c.id}.yaml`;
    add(`${at} name`, c.name);
    add(`${at} summary`, c.summary.text);
    add(`${at} mechanism`, c.mechanism?.text);
    claims(`${at} symptoms`, c.symptoms);
    claims(`${at} at_risk`, c.at_risk);
    c.food_sources.forEach((f, i) => {
      add(`${at} food_sources[${i}]`, `${f.food}: ${f.amount}`);
    });
    add(`${at} upper_limit`, c.upper_limit?.text);
    add(`${at} upper_limit_child`, c.upper_limit_child?.text);
    claims(`${at} forms`, c.forms);
    add(`${at} blood_test`, c.blood_test?.text);
    add(`${at} evidence`, c.evidence?.text);
    claims(`${at} what_to_do`, c.what_to_do);
    claims(`${at} watch_for`, c.watch_for);
  }
  for (const f of k.findings.values()) {
    add(`findings.yaml ${f.id} label`, f.label);
    add(`findings.yaml ${f.id} question`, f.question);
    add(`findings.yaml ${f.id} why`, f.why);
  }
  for (const g of k.groups) {
    add(`questions.yaml ${g.id} text`, g.text);
    add(`questions.yaml ${g.id} why`, g.why);
  }
  for (const rule of k.redFlags) add(`red-flags.yaml ${rule.id} advice`, rule.advice.text);
  for (const m of k.medicines) add(`medicines.yaml ${m.id} name`, m.name);
  for (const [level, advice] of Object.entries(k.care.triage)) {
    add(`care.yaml triage.${level} headline`, advice.headline);
    add(`care.yaml triage.${level} next_step`, advice.next_step);
  }
  for (const [key, text] of Object.entries(k.disclaimers)) add(`disclaimers.yaml ${key}`, text);
  for (const [key, value] of Object.entries(copy)) {
    if (typeof value === 'string') add(`copy.ts ${key}`, value);
    else if (typeof value === 'function') {
      for (const args of sampleArguments(value as (...a: unknown[]) => unknown)) {
        add(
          `copy.ts ${key}(${args.map((a) => JSON.stringify(a)).join(', ')})`,
          args.length ? String((value as (...a: unknown[]) => unknown)(...args)) : undefined,
        );
      }
    }
  }
  return out;
}

/** Arguments a copy function accepts: counts (0, 1 and 2) or a list of option labels. */
function sampleArguments(fn: (...a: unknown[]) => unknown): unknown[][] {
  for (const tries of [[[0], [1], [2]], [[['night cramps', 'one calf swollen']]], [['night cramps']]]) {
    try {
      for (const args of tries) if (typeof fn(...args) !== 'string') throw new Error('not a text');
      return tries;
    } catch {}
  }
  throw new Error(`copy function ${fn.name} takes arguments this test cannot make up; add a sample here`);
}

interface Scored {
  where: string;
  sentence: string;
  grade: number;
}

/** Each distinct sentence of 8 words or more, first place it appears, worst first. */
function scoreAll(texts: Located[]): Scored[] {
  const seen = new Map<string, Scored>();
  for (const t of texts) {
    for (const sentence of sentencesOf(t.text)) {
      if (!seen.has(sentence)) seen.set(sentence, { where: t.where, sentence, grade: fkGrade(sentence) });
    }
  }
  return [...seen.values()].sort((a, b) => b.grade - a.grade);
}

function report(label: string, scored: Scored[]): string {
  const ok = scored.filter((s) => s.grade <= 8).length;
  const lines = scored
    .slice(0, 10)
    .map((s) => `${s.grade.toFixed(1).padStart(5)}  ${s.where}: ${s.sentence.slice(0, 140)}`);
  return [
    `${label}: ${scored.length} sentences, ${((100 * ok) / scored.length).toFixed(1)}% at grade 8 or below`,
    'worst 10:',
    ...lines,
  ].join('\n');
}

describe('plain language (Flesch–Kincaid grade)', () => {
  const k = loadKnowledge();
  const regions = Object.keys(k.care.regions);

  it('gathers the texts of every part of the knowledge and the conversation copy', () => {
    const where = userTexts(k, k.care.default_region).map((t) => t.where.split(' ')[0]!.split('/')[0]);
    for (const part of [
      'causes',
      'findings.yaml',
      'questions.yaml',
      'red-flags.yaml',
      'care.yaml',
      'disclaimers.yaml',
      'copy.ts',
    ]) {
      expect(where, part).toContain(part);
    }
  });

  it(`keeps at least ${AT_OR_BELOW_8_MIN_PCT}% of sentences at grade 8 or below in the default region`, () => {
    const scored = scoreAll(userTexts(k, k.care.default_region));
    const text = report(`region ${k.care.default_region}`, scored);
    console.log(text);
    const pct = (100 * scored.filter((s) => s.grade <= 8).length) / scored.length;
    expect(pct, text).toBeGreaterThanOrEqual(AT_OR_BELOW_8_MIN_PCT);
  });

  it.each(regions)(`has no sentence above grade ${HARD_MAX_GRADE} in region %s`, (region) => {
    const scored = scoreAll(userTexts(k, region));
    const over = scored.filter((s) => s.grade > HARD_MAX_GRADE);
    expect(over, report(`region ${region}`, scored)).toEqual([]);
  });
});
