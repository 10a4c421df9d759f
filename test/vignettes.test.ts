/**
 * Plays the clinical vignettes in test/vignettes/ (dev.json and natural-dev.json are copies of the
 * clinical judge's development sets) through the real machine, the way the judge does (answering from each vignette's findings, by button and in words), and holds the safety
 * line: no urgent case is ever under-triaged, nothing stated is asked again, every assessment is
 * sourced and carries a disclaimer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reply, UserEvent } from '../src/vocabulary.js';
import { assessmentOf, lastQuestion, testBot } from './helpers/bot.js';

interface Vignette {
  id: string;
  opening: string;
  findings: Record<string, boolean>;
  unsure?: string[];
  stated?: string[];
  triage: string;
  accept?: string[];
  causes: string[];
}

const RANK: Record<string, number> = { self_care: 0, see_doctor: 1, urgent: 2, emergency: 3 };
const load = (name: string): Vignette[] =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, 'vignettes', name), 'utf8'));

async function play(v: Vignette, words: boolean) {
  const { bot } = testBot();
  const present = (f: string) => v.findings[f] === true;
  let replies: Reply[] = (await bot.handle(v.id, { kind: 'text', text: v.opening })).replies;
  const asked: string[] = [];
  for (let turn = 0; turn < 12; turn++) {
    const a = assessmentOf(replies);
    if (a) return { assessment: a, asked };
    const q = lastQuestion(replies);
    if (!q) throw new Error(`${v.id}: stalled`);
    let event: UserEvent;
    if (q.type === 'multi') {
      asked.push(`multi:${q.question}`);
      const sel = q.options.filter((o) => present(o.finding));
      event = words
        ? { kind: 'text', text: sel.length ? sel.map((o) => o.label).join(', and ') : 'none of those' }
        : { kind: 'select', question: q.question, selected: sel.map((o) => o.finding) };
    } else {
      asked.push(q.finding);
      const choice = present(q.finding) ? 'yes' : v.unsure?.includes(q.finding) ? 'unsure' : 'no';
      event = words
        ? { kind: 'text', text: { yes: 'yeah', no: 'nope', unsure: 'no idea' }[choice] }
        : { kind: 'answer', question: q.question, choice };
    }
    replies = (await bot.handle(v.id, event)).replies;
  }
  throw new Error(`${v.id}: no assessment`);
}

describe.each([
  ['development', 'dev.json'],
  ['holdout', 'holdout.json'],
  ['second holdout', 'holdout2.json'],
  ['third holdout', 'holdout3.json'],
])('%s vignettes', (_name, file) => {
  const vignettes = load(file);
  describe.each([
    ['buttons', false],
    ['words', true],
  ])('answered by %s', (_mode, words) => {
    it('never under-triages an urgent case, never re-asks, always cites and disclaims', async () => {
      let correct = 0;
      let top3 = 0;
      for (const v of vignettes) {
        const { assessment, asked } = await play(v, words);
        const accepted = [v.triage, ...(v.accept ?? [])];
        const lowest = Math.min(...accepted.map((t) => RANK[t]!));
        if (lowest >= RANK.urgent!) {
          expect(RANK[assessment.triage], `${v.id} under-triaged`).toBeGreaterThanOrEqual(RANK.urgent!);
        }
        for (const f of v.stated ?? []) expect(asked, `${v.id} re-asked ${f}`).not.toContain(f);
        expect(asked.length, `${v.id} asked too much`).toBeLessThanOrEqual(6);
        expect(assessment.sources.length).toBeGreaterThan(0);
        expect(assessment.disclaimer.length).toBeGreaterThan(0);
        if (accepted.includes(assessment.triage)) correct++;
        if (assessment.causes.slice(0, 3).some((c) => v.causes.includes(c.id))) top3++;
      }
      expect(correct / vignettes.length).toBeGreaterThanOrEqual(0.9);
      expect(top3 / vignettes.length).toBeGreaterThanOrEqual(0.9);
    });
  });
});

/**
 * The judge's natural-language development set (natural-dev.json): openings as people type them,
 * answered by buttons here. calfbot does not yet hold the safety line on all of it; the cases it
 * under-triages today are listed so that a new one fails this test and a fixed one must come off.
 */
const NATURAL_UNDER_TRIAGED_TODAY: string[] = [];

describe('natural-language development vignettes, answered by buttons', () => {
  it('under-triages no case beyond the known list, never re-asks, always cites and disclaims', async () => {
    const under: string[] = [];
    for (const v of load('natural-dev.json')) {
      const { assessment, asked } = await play(v, false);
      const lowest = Math.min(...[v.triage, ...(v.accept ?? [])].map((t) => RANK[t]!));
      if (lowest >= RANK.urgent! && RANK[assessment.triage]! < RANK.urgent!) under.push(v.id);
      for (const f of v.stated ?? []) expect(asked, `${v.id} re-asked ${f}`).not.toContain(f);
      expect(assessment.sources.length).toBeGreaterThan(0);
      expect(assessment.disclaimer.length).toBeGreaterThan(0);
    }
    expect(
      under.sort(),
      'the under-triaged natural cases changed: a new one is a regression; take a fixed one off NATURAL_UNDER_TRIAGED_TODAY',
    ).toEqual(NATURAL_UNDER_TRIAGED_TODAY);
  });
});
