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
  say?: Record<string, string>;
  say_no?: Record<string, string>;
  say_unsure?: Record<string, string>;
  unsure?: string[];
  stated?: string[];
  triage: string;
  accept?: string[];
  causes: string[];
}

const RANK: Record<string, number> = { self_care: 0, see_doctor: 1, urgent: 2, emergency: 3 };
const load = (name: string): Vignette[] =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, 'vignettes', name), 'utf8'));

type Mode = 'buttons' | 'words' | 'natural';

/** What the person types, the way the judge's --natural mode does: their own words from the vignette. */
function said(v: Vignette, q: NonNullable<ReturnType<typeof lastQuestion>>, again: boolean): string {
  const present = (f: string) => v.findings[f] === true;
  if (q.type === 'multi') {
    const sel = q.options.filter((o) => present(o.finding));
    if (again) return sel.length ? sel.map((o) => q.options.indexOf(o) + 1).join(' ') : 'none';
    if (!sel.length) return 'no, none of that';
    return sel.map((o) => v.say?.[o.finding] ?? 'yes').join(', and also ');
  }
  const f = q.finding;
  if (present(f)) return again ? 'yes' : (v.say?.[f] ?? 'yeah');
  if (v.unsure?.includes(f)) return again ? 'not sure' : (v.say_unsure?.[f] ?? 'not sure tbh');
  return again ? 'no' : (v.say_no?.[f] ?? 'nope');
}

async function play(v: Vignette, mode: Mode) {
  const { bot } = testBot();
  const present = (f: string) => v.findings[f] === true;
  let replies: Reply[] = (await bot.handle(v.id, { kind: 'text', text: v.opening })).replies;
  const asked: string[] = [];
  let previous: string | null = null;
  let misunderstood = 0;
  for (let turn = 0; turn < 16; turn++) {
    const a = assessmentOf(replies);
    if (a) return { assessment: a, asked, misunderstood };
    const q = lastQuestion(replies);
    if (!q) throw new Error(`${v.id}: dead end (no question, no assessment)`);
    const again = previous === q.question;
    if (again) misunderstood++;
    previous = q.question;
    let event: UserEvent;
    if (mode === 'natural') {
      if (!again) asked.push(q.type === 'multi' ? `multi:${q.question}` : q.finding);
      event = { kind: 'text', text: said(v, q, again) };
    } else if (q.type === 'multi') {
      asked.push(`multi:${q.question}`);
      const sel = q.options.filter((o) => present(o.finding));
      event =
        mode === 'words'
          ? { kind: 'text', text: sel.length ? sel.map((o) => o.label).join(', and ') : 'none of those' }
          : { kind: 'select', question: q.question, selected: sel.map((o) => o.finding) };
    } else {
      asked.push(q.finding);
      const choice = present(q.finding) ? 'yes' : v.unsure?.includes(q.finding) ? 'unsure' : 'no';
      event =
        mode === 'words'
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
  ['natural-language development', 'natural-dev.json'],
  // Written blind by testers from NHS/NICE guidance for contract v2, then used for tuning.
  // holdout6 was untouched until session 3, which fixed two answers it misread.
  ['fourth holdout (natural language)', 'holdout4.natural.json'],
  ['fifth holdout (natural language)', 'holdout5.natural.json'],
  ['sixth holdout (natural language)', 'holdout6.natural.json'],
  // Written blind in session 3 (2026-12-01), tuned on only after their first run (see README).
  ['seventh holdout (natural language)', 'holdout7.natural.json'],
  ['eighth holdout (natural language)', 'holdout8.natural.json'],
  ['ninth holdout (chat-app typing)', 'holdout9.natural.json'],
  ['tenth holdout (Discord runners, work Slack, supplements first)', 'holdout10.natural.json'],
  ['eleventh holdout (a bit of everything)', 'holdout11.natural.json'],
  // Written blind in session 4 (2026-12-02): corrections, brand names, people writing for others.
  ['twelfth holdout (corrections, brands, proxies)', 'holdout12.natural.json'],
  ['thirteenth holdout (mimics and muddles)', 'holdout13.natural.json'],
  // Written blind at the end of session 4 and not tuned on: the honest unseen figure.
  ['fourteenth holdout (a normal week of messages; not tuned on)', 'holdout14.natural.json'],
  // Written blind after every other session-4 change, tuned on after its first run (README).
  ['fifteenth holdout (the hard middle: look-alike pairs)', 'holdout15.natural.json'],
  // Written blind in session 5 (2026-12-02), tuned on after its first run (README).
  ['sixteenth holdout (a second normal week)', 'holdout16.natural.json'],
  // Written blind at the end of session 5 after every other change; two readings fixed after its first run.
  ['seventeenth holdout (a third normal week)', 'holdout17.natural.json'],
  ['eighteenth holdout (a fourth normal week, written blind in session 6)', 'holdout18.natural.json'],
  // Written blind at the start of session 7; six readings fixed after its first run (README).
  ['nineteenth holdout (a fifth normal week, written blind in session 7)', 'holdout19.natural.json'],
  // Written blind at the start of session 10; its first run's misreadings fixed (README).
  [
    'twentieth holdout (overdoses, long lies, falls, mimics; written blind in session 10)',
    'holdout20.natural.json',
  ],
])('%s vignettes', (_name, file) => {
  const vignettes = load(file);
  const natural = vignettes.some((v) => v.say !== undefined);
  describe.each((natural ? ['buttons', 'words', 'natural'] : ['buttons', 'words']) as Mode[])(
    'answered by %s',
    (mode) => {
      it('never under-triages an urgent case, never re-asks, always cites and disclaims', async () => {
        let correct = 0;
        let top3 = 0;
        let withCauses = 0;
        let misread = 0;
        let answers = 0;
        for (const v of vignettes) {
          const { assessment, asked, misunderstood } = await play(v, mode);
          misread += misunderstood;
          answers += asked.length + misunderstood;
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
          // A case where nothing fits expects no cause named at all.
          if (v.causes.length === 0) expect(assessment.causes, `${v.id} named a cause`).toEqual([]);
          else {
            withCauses++;
            if (assessment.causes.slice(0, 3).some((c) => v.causes.includes(c.id))) top3++;
          }
        }
        expect(correct / vignettes.length).toBeGreaterThanOrEqual(0.9);
        expect(top3 / withCauses).toBeGreaterThanOrEqual(0.9);
        // Read people's own words: at most 1 answer in 20 has to be asked again.
        expect(misread / Math.max(1, answers)).toBeLessThanOrEqual(0.05);
      });
    },
  );
});
