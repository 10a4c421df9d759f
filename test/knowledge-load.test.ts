import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_CAUSES, CONTRACT_FINDINGS } from '../src/knowledge/contract-ids.js';
import { defaultKnowledgeDir, loadKnowledge } from '../src/knowledge/load.js';
import { evaluate } from '../src/triage/evaluate.js';

/** Findings read only from what people type, never asked as an option of their own. */
/** Findings read only from what people say, never asked (they make a cause likelier, or name a GP visit). */
const TEXT_ONLY = [
  'recently_gave_birth',
  // Exploratory test 6, S1 and S9: read from words, never asked.
  'long_lie_on_floor',
  'severe_vomiting',
  'skin_break_on_leg',
  'tick_bite_or_ring_rash',
  'sunburn',
  'blood_thinner_use',
  'night_pain_not_cramp',
  'very_sore_after_exercise',
  'fainted_with_warning',
  'black_or_bloody_poo',
  'both_legs_weak_with_back_pain',
  'breastfeeding',
  'hot_swollen_joint',
  'swallowed_tablets',
  // Session 10 (review 8, R2 and R7): read from words or counts, never asked.
  'too_much_ibuprofen',
  'had_a_fall',
  // Amounts and medicines (exploratory 5, S9; clinical review 7, R12, R13): read, never asked.
  'kidney_disease',
  'potassium_raising_medicine',
  'antiplatelet_use',
  'kick_feeling_no_blow',
  'dizzy_spells',
  'dizzy_on_standing',
  'legs_weak_after_exercise',
  'one_leg_weak_or_foot_drop',
];
const NUTRIENTS = [
  'magnesium_deficiency',
  'potassium_deficiency',
  'vitamin_d_deficiency',
  'vitamin_b12_deficiency',
  'iron_deficiency',
];

describe('the shipped knowledge base', () => {
  const k = loadKnowledge();

  it('defines every contract finding and cause', () => {
    for (const id of CONTRACT_FINDINGS) expect(k.findings.has(id), id).toBe(true);
    for (const id of CONTRACT_CAUSES) expect(k.causes.has(id), id).toBe(true);
  });

  it('cites only https sources', () => {
    for (const s of k.sources.values()) expect(s.url.startsWith('https://'), s.id).toBe(true);
  });

  it('asks every warning sign an urgent or emergency rule rests on in a screen, before anything else', () => {
    const screened = new Set(k.groups.filter((g) => g.screen).flatMap((g) => g.findings));
    const flagged = [...k.findings.values()].filter((f) => f.red_flag).map((f) => f.id);
    expect([...screened].sort()).toEqual(flagged.sort());
    for (const rule of k.redFlags.filter((r) => r.triage !== 'see_doctor')) {
      for (const f of rule.all) {
        const askedElsewhere = k.groups.some((g) => !g.screen && g.findings.includes(f));
        expect(screened.has(f) || askedElsewhere || TEXT_ONLY.includes(f), `${rule.id}: ${f}`).toBe(true);
      }
    }
    // The screens come first in the file, so they are asked first.
    const firstOther = k.groups.findIndex((g) => !g.screen);
    expect(k.groups.slice(firstOther).every((g) => !g.screen)).toBe(true);
  });

  it('puts every other finding in exactly one non-screen group of at most 10', () => {
    const seen = new Map<string, number>();
    for (const g of k.groups.filter((g) => !g.screen)) {
      expect(g.findings.length, g.id).toBeLessThanOrEqual(10);
      for (const f of g.findings) seen.set(f, (seen.get(f) ?? 0) + 1);
    }
    for (const f of k.findings.values()) {
      if (f.red_flag || TEXT_ONLY.includes(f.id)) continue;
      expect(seen.get(f.id), f.id).toBe(1);
    }
  });

  it('never offers the same thing twice in one question (pregnancy is not inside "clot risks")', () => {
    expect(k.findings.get('clot_risk_factor')!.label).not.toMatch(/pregnan/i);
    expect(k.findings.get('pregnant')!.implies).toContain('clot_risk_factor');
  });

  it('keeps labels and questions short and phrasings in range', () => {
    for (const f of k.findings.values()) {
      expect(f.label.length, f.id).toBeLessThanOrEqual(75);
      expect(f.question.length, f.id).toBeLessThanOrEqual(150);
      const medicineNames = k.medicines.filter((m) => m.findings.includes(f.id)).flatMap((m) => m.names);
      expect(f.phrasings.length + medicineNames.length, f.id).toBeGreaterThanOrEqual(4);
      for (const p of [
        ...f.phrasings,
        ...f.answer_phrasings,
        ...f.unless,
        ...f.denials,
        ...f.answer_denials,
        ...f.context,
      ]) {
        expect(p, `${f.id}: "${p}"`).toMatch(/^[a-z0-9*.= ]+$/);
        expect(p, `${f.id}: "${p}"`).toBe(p.trim());
      }
    }
  });

  it('gives every nutrient foods, a blood test and honest evidence', () => {
    for (const id of NUTRIENTS) {
      const c = k.causes.get(id)!;
      expect(c.kind, id).toBe('nutrient');
      expect(c.food_sources.length, id).toBeGreaterThanOrEqual(4);
      expect(c.blood_test, id).toBeDefined();
      expect(c.evidence, id).toBeDefined();
      expect(c.upper_limit, id).toBeDefined();
      expect(
        c.what_to_do.some((w) =>
          /doctor or pharmacist before (you take|taking) (any )?supplements/i.test(w.text),
        ),
        id,
      ).toBe(true);
    }
  });

  it('quotes the official upper limits', () => {
    expect(k.causes.get('magnesium_deficiency')!.upper_limit!.text).toMatch(/350 mg/);
    expect(k.causes.get('vitamin_d_deficiency')!.upper_limit!.text).toMatch(/4,000 IU/);
    expect(k.causes.get('vitamin_d_deficiency')!.upper_limit!.text).toMatch(/100 mcg/);
    expect(k.causes.get('iron_deficiency')!.upper_limit!.text).toMatch(/45 mg/);
    expect(k.causes.get('potassium_deficiency')!.upper_limit!.text).toMatch(/no official upper limit/i);
    expect(k.causes.get('vitamin_b12_deficiency')!.upper_limit!.text).toMatch(/no upper limit/i);
  });

  it('has the quoted limits as numbers, and what a parent is told instead of each', () => {
    const amounts = (id: string) => k.causes.get(id)!.upper_limit_amount;
    expect(amounts('magnesium_deficiency')).toMatchObject([
      { nutrient: 'magnesium', amount: 350, unit: 'mg' },
    ]);
    expect(amounts('iron_deficiency')).toMatchObject([{ nutrient: 'iron', amount: 45, unit: 'mg' }]);
    expect(amounts('vitamin_d_deficiency')).toMatchObject([
      { nutrient: 'vitamin D', amount: 100, unit: 'mcg', iu_per_mcg: 40 },
      { nutrient: 'calcium', amount: 2500, unit: 'mg' },
      { nutrient: 'calcium', amount: 2000, unit: 'mg', ages: 'from age 51' },
    ]);
    expect(amounts('potassium_deficiency')).toEqual([]);
    expect(amounts('vitamin_b12_deficiency')).toEqual([]);
    for (const id of NUTRIENTS) {
      const child = k.causes.get(id)!.upper_limit_child;
      expect(child, id).toBeDefined();
      expect(child!.text, id).toMatch(/child's doctor/);
      expect(child!.text, id).not.toMatch(/\d+ ?(mg|mcg|IU)/);
    }
    // Clinical review R18: only magnesium's limit is "much lower" for young children (65 and 110 mg).
    expect(k.causes.get('magnesium_deficiency')!.upper_limit_child!.text).toBe(
      "For a child, the safe upper limit depends on their age. For young children it is much lower than for adults. Please ask your child's doctor before you give them any supplement.",
    );
    expect(k.causes.get('magnesium_deficiency')!.upper_limit_child!.sources).toEqual(['ods-magnesium-hp']);
  });

  it('has the required red-flag rules', () => {
    const rule = (finding: string) => k.redFlags.find((r) => r.all.length === 1 && r.all[0] === finding);
    expect(rule('breathless_or_chest_pain')).toMatchObject({
      triage: 'emergency',
      cause: 'pulmonary_embolism',
    });
    expect(rule('leg_cold_pale')).toMatchObject({ triage: 'emergency', cause: 'acute_limb_ischemia' });
    expect(rule('severe_pain_tight_after_injury')).toMatchObject({
      triage: 'emergency',
      cause: 'compartment_syndrome',
    });
    expect(rule('dark_urine_after_exertion')).toMatchObject({ triage: 'emergency', cause: 'rhabdomyolysis' });
    expect(rule('one_leg_swollen')).toMatchObject({ triage: 'urgent', cause: 'dvt' });
    expect(rule('calf_red_warm')).toMatchObject({ triage: 'urgent', cause: 'dvt' });
    expect(rule('fever_spreading_redness')).toMatchObject({ triage: 'urgent', cause: 'cellulitis' });
    expect(rule('sudden_pop_injury')).toMatchObject({ triage: 'urgent', cause: 'tendon_or_muscle_tear' });
  });

  it('keeps one_leg_swollen and both_legs_swollen apart: every both-legs phrasing cancels one swollen leg', () => {
    const one = k.findings.get('one_leg_swollen')!;
    const both = k.findings.get('both_legs_swollen')!;
    expect(both.red_flag).toBe(false);
    const swellingWord = /\b(swollen|swelling|swelled|puffy|puffed)\b/;
    for (const p of both.phrasings.filter((p) => swellingWord.test(p))) expect(one.unless, p).toContain(p);
  });

  describe('scoring', () => {
    const triage = (findings: Record<string, 'yes' | 'no' | 'unsure'>) => evaluate(k, findings).triage;
    // The causes an assessment would name: supported ones first, then those close to support.
    const top3 = (findings: Record<string, 'yes' | 'no' | 'unsure'>) =>
      evaluate(k, findings)
        .ranked.filter((r) => r.supported || r.score >= 0.75 * r.cause.scoring.threshold)
        .slice(0, 3)
        .map((r) => r.cause.id);

    it('leaves ordinary night cramps, exercise or one weak diet factor at self care', () => {
      expect(triage({ night_cramps: 'yes' })).toBe('self_care');
      expect(triage({ after_exercise: 'yes' })).toBe('self_care');
      expect(triage({ night_cramps: 'yes', after_exercise: 'yes' })).toBe('self_care');
      for (const f of [
        'few_greens_nuts_grains',
        'few_fruit_vegetables',
        'heavy_alcohol',
        'little_sun',
        'plant_based_diet',
      ]) {
        expect(triage({ [f]: 'yes', night_cramps: 'yes' }), f).toBe('self_care');
      }
    });

    it('sends palpitations with cramps, or a long-term acid reducer or metformin, to a doctor', () => {
      expect(triage({ palpitations: 'yes' })).toBe('see_doctor');
      expect(triage({ palpitations: 'yes', night_cramps: 'yes' })).toBe('see_doctor');
      // A racing heart alone names no nutrient (clinical review 3, S1): it needs a loss of potassium too.
      expect(top3({ palpitations: 'yes' })).not.toContain('potassium_deficiency');
      expect(top3({ palpitations: 'yes', vomiting_or_diarrhea: 'yes' })).toContain('potassium_deficiency');
      expect(triage({ acid_reducer_or_metformin: 'yes' })).toBe('see_doctor');
      expect(top3({ acid_reducer_or_metformin: 'yes', night_cramps: 'yes' })).toContain(
        'magnesium_deficiency',
      );
    });

    it('sends swelling in both legs to a GP as oedema', () => {
      expect(triage({ both_legs_swollen: 'yes' })).toBe('see_doctor');
      expect(top3({ both_legs_swollen: 'yes' })[0]).toBe('leg_swelling_oedema');
    });

    it('treats breathlessness with effort plus a swollen or red calf as an emergency', () => {
      expect(triage({ pale_or_breathless_on_exertion: 'yes', one_leg_swollen: 'yes' })).toBe('emergency');
      expect(triage({ pale_or_breathless_on_exertion: 'yes', calf_red_warm: 'yes' })).toBe('emergency');
      expect(triage({ pale_or_breathless_on_exertion: 'yes' })).toBe('see_doctor');
    });

    it('does not blame B12 or sciatica for tingling after a calf injury', () => {
      for (const injury of ['severe_pain_tight_after_injury', 'sudden_pop_injury']) {
        const causes = top3({ [injury]: 'yes', tingling_numbness: 'yes' });
        expect(causes, injury).not.toContain('vitamin_b12_deficiency');
        expect(causes, injury).not.toContain('sciatica');
      }
    });
  });

  it('has care advice for every region and level', () => {
    expect(k.care.regions[k.care.default_region]).toBeDefined();
    for (const r of ['US', 'UK', 'EU', 'AU']) expect(k.care.regions[r], r).toBeDefined();
    expect(k.care.triage.emergency.headline).toContain('{emergency}');
    expect(k.disclaimers.assessment.length).toBeGreaterThan(20);
    expect(k.disclaimers.supplements).toMatch(
      /^Ask a doctor or pharmacist before (you take|taking) (any )?supplements/,
    );
  });
});

describe('a broken knowledge base', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const copy = (): string => {
    const root = mkdtempSync(path.join(tmpdir(), 'calfbot-knowledge-'));
    dir = root;
    const target = path.join(root, 'knowledge');
    cpSync(defaultKnowledgeDir(), target, { recursive: true });
    return target;
  };

  it('names the file and field of a cause citing an unknown source', () => {
    const kdir = copy();
    const file = path.join(kdir, 'causes', 'magnesium_deficiency.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text.replace('sources: [ods-magnesium-consumer, ods-magnesium-hp]', 'sources: [no-such-source]'),
    );
    expect(() => loadKnowledge(kdir)).toThrow(
      /causes\/magnesium_deficiency\.yaml:\d+: field "summary\.sources\.0": unknown source id "no-such-source"/,
    );
  });

  it('refuses an upper limit without what a parent is told instead', () => {
    const kdir = copy();
    const file = path.join(kdir, 'causes', 'iron_deficiency.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^upper_limit_child:\n( {2}.*\n)+/m, ''));
    expect(() => loadKnowledge(kdir)).toThrow(
      /causes\/iron_deficiency\.yaml:\d+: field "upper_limit": an upper limit needs `upper_limit_child`/,
    );
  });

  it('names the field of a malformed url', () => {
    const kdir = copy();
    const file = path.join(kdir, 'sources.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('https://www.nhs.uk/conditions/leg-cramps/', 'http//nhs leg cramps'));
    expect(() => loadKnowledge(kdir)).toThrow(/sources\.yaml:\d+: field "sources\.\d+\.url"/);
  });
});
