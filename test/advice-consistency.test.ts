/**
 * One advice level per answer (issue 10, item 5): no sentence in a cause, a rule, a watch-for or a
 * follow-up answer may tell the person to seek less care than the rule that fired. Every sentence
 * that advises a level of care says which (`advises`), and an assessment never shows one below
 * its own level. This walks every text and every rule.
 */
import { describe, expect, it } from 'vitest';
import { composeAssessment } from '../src/conversation/compose-assessment.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Claim } from '../src/knowledge/schema.js';
import { triageRank } from '../src/vocabulary.js';

const k = loadKnowledge();

/** Every claim a person can read, with where it lives. */
function allClaims(): Array<[string, Claim]> {
  const out: Array<[string, Claim]> = [];
  for (const c of k.causes.values()) {
    for (const [field, claims] of Object.entries({ what_to_do: c.what_to_do, watch_for: c.watch_for })) {
      claims.forEach((claim, i) => {
        out.push([`causes/${c.id}.${field}[${i}]`, claim]);
      });
    }
  }
  for (const r of k.redFlags) out.push([`red-flags ${r.id}`, r.advice]);
  for (const t of k.followUps) {
    t.answer.forEach((claim, i) => {
      out.push([`follow-ups ${t.id}[${i}]`, claim]);
    });
  }
  k.care.unexplained.next_steps.forEach((claim, i) => {
    out.push([`care unexplained[${i}]`, claim]);
  });
  return out;
}

/** Wording that sends someone somewhere: it must carry the level it advises. */
const ADVICE =
  /\b(call|ring|phone)\b.*(\{emergency\}|\{urgent\}|doctor|gp|midwife)|\bemergency department\b|\b(see|book|visit|ask for|get)\b.*(\{doctor\}|doctor|gp|physio|help today|medical help|checked)|\burgent\b|\bat home\b/i;

describe('one advice level per answer', () => {
  it('tags every sentence that sends someone for care with the level it advises', () => {
    const untagged = allClaims()
      .filter(([, c]) => ADVICE.test(c.text) && c.advises === undefined)
      .map(([where, c]) => `${where}: ${c.text}`);
    expect(untagged, untagged.join('\n')).toEqual([]);
  });

  it('tags a rule with at least its own level, and emergencies say to call the emergency number', () => {
    for (const r of k.redFlags) {
      expect(r.advice.advises, r.id).toBeDefined();
      expect(triageRank(r.advice.advises!), r.id).toBeGreaterThanOrEqual(triageRank(r.triage));
      if (r.triage === 'emergency') expect(r.advice.text, r.id).toMatch(/\{emergency\}|emergency care/);
    }
  });

  it('never shows a sentence that advises less care than the rule that fired, in any region', () => {
    const tagged = new Map(allClaims().map(([where, c]) => [c.text, { where, c }]));
    for (const rule of k.redFlags) {
      const findings = Object.fromEntries(
        [...rule.all, ...rule.any.slice(0, 1)].map((f) => [f, 'yes' as const]),
      );
      for (const region of Object.keys(k.care.regions)) {
        const a = composeAssessment(k, findings, region);
        expect(triageRank(a.triage), rule.id).toBeGreaterThanOrEqual(triageRank(rule.triage));
        for (const line of [...a.nextSteps, ...a.watchFor]) {
          for (const { where, c } of tagged.values()) {
            if (c.advises === undefined) continue;
            const filled = c.text
              .replaceAll('{emergency}', k.care.regions[region]!.emergency)
              .replaceAll('{urgent}', k.care.regions[region]!.urgent)
              .replaceAll('{doctor}', k.care.regions[region]!.doctor);
            if (line !== filled) continue;
            expect(triageRank(c.advises), `${rule.id} (${a.triage}) shows ${where}`).toBeGreaterThanOrEqual(
              triageRank(a.triage),
            );
          }
        }
      }
    }
  });

  it('tells a statin user with unexplained muscle pain to call a doctor straight away, not in a week or two', () => {
    const text = k.followUps
      .find((t) => t.id === 'stop_medicine')!
      .answer.map((c) => c.text)
      .join(' ');
    expect(text).toMatch(/straight away/);
    const med = k.causes.get('medication_side_effect')!;
    const said = [...med.what_to_do, ...med.watch_for].map((c) => c.text).join(' ');
    expect(said).toMatch(/straight away|today|now/i);
  });

  it('never tells a breathless person to wait for a same-day appointment', () => {
    // Every sentence that names breathlessness or chest pain sends the person to the emergency number.
    for (const [where, c] of allClaims()) {
      for (const sentence of c.text.split(/(?<=[.!?])\s+/)) {
        if (!/chest pain|breathless|short of breath/i.test(sentence)) continue;
        if (/stairs|effort|easily|exercise|puffed/i.test(sentence)) continue; // breathless with effort: a symptom, not advice
        if (!/\b(call|get|go|see|contact|book|help)\b/i.test(sentence)) continue; // not advice
        expect(sentence, `${where}`).toMatch(/\{emergency\}|emergency/);
      }
    }
  });
});
