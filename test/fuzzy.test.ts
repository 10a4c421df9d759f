import dictionary from 'dictionary-en';
import fc from 'fast-check';
import nspell from 'nspell';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Knowledge } from '../src/knowledge/schema.js';
import { extractFindings } from '../src/understanding/extract-findings.js';
import { correctWord, lexiconVocabulary } from '../src/understanding/fuzzy.js';
import { lexiconOf } from '../src/understanding/lexicon.js';

let knowledge: Knowledge;
let redFlags: Set<string>;
/** The single words of red-flag phrasings, 5 letters or more: what a misspelling could turn into. */
let redFlagWords: string[];

beforeAll(() => {
  knowledge = loadKnowledge();
  redFlags = new Set([...knowledge.findings.values()].filter((f) => f.red_flag).map((f) => f.id));
  const words = new Set<string>();
  for (const entry of lexiconOf(knowledge)) {
    if (!redFlags.has(entry.finding)) continue;
    for (const p of entry.phrases)
      for (const part of p.parts) if (part.kind === 'word' && part.word.length >= 5) words.add(part.word);
  }
  redFlagWords = [...words];
});

const yesRedFlags = (text: string) =>
  [...extractFindings(text, knowledge)].filter(([f, c]) => c === 'yes' && redFlags.has(f)).map(([f]) => f);

describe('misspelt words are read as the lexicon word they mean', () => {
  it.each([
    ['im on simvastain 40mg', 'statin_use'],
    ['I take atorvastin', 'statin_use'],
    ['my dad is on frusimide', 'diuretic_use'],
    ['I take omeprazol for heartburn', 'acid_reducer_or_metformin'],
    ['I take amlodapine', 'ccb_use'],
    ['my right calf is sweeling up', 'one_leg_swollen'],
    ['my calf cramps at nigth', 'night_cramps'],
    ["I've been getting palpatations", 'palpitations'],
    // Breathless on the stairs is effort (pale_or_breathless_on_exertion; the screen still asks); at rest it is the sign.
    ['I feel short of breth since this morning', 'breathless_or_chest_pain'],
    ['I feel short of breth going upstairs', 'pale_or_breathless_on_exertion'],
    ['im 30 weeks pregnent', 'pregnant'],
    ["I've been really thristy", 'low_fluid_intake'],
    ['I just got off a long fligt', 'clot_risk_factor'],
  ])('"%s" gives %s', (text, finding) => {
    expect(extractFindings(text, knowledge).get(finding)).toBe('yes');
  });

  it('keeps the hand-written typo table working ("calfs", "wierd", "furosimide")', () => {
    expect(extractFindings('I take furosimide', knowledge).get('diuretic_use')).toBe('yes');
    expect(correctWord('calfs', knowledge)).toBe('calfs'); // the TYPOS table maps it before this runs
  });

  it('a misspelt denial is still a denial', () => {
    expect(extractFindings("I'm not on simvastain", knowledge).get('statin_use')).toBe('no');
    expect(extractFindings('not pregnent', knowledge).get('pregnant')).toBe('no');
  });
});

describe('a fuzzy match never makes a red flag out of nothing', () => {
  it('an English word near a red-flag word stays itself ("smelling" is not "swelling")', () => {
    const speller = nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) });
    const { words } = lexiconVocabulary(knowledge);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const changed: string[] = [];
    for (const w of redFlagWords) {
      const edits = new Set<string>();
      for (let i = 0; i <= w.length; i++) {
        for (const c of letters) {
          edits.add(w.slice(0, i) + c + w.slice(i)); // insert
          if (i < w.length) edits.add(w.slice(0, i) + c + w.slice(i + 1)); // replace
        }
        if (i < w.length) edits.add(w.slice(0, i) + w.slice(i + 1)); // delete
      }
      for (const e of edits) {
        if (e === w || words.includes(e) || !speller.correct(e)) continue;
        if (correctWord(e, knowledge) !== e) changed.push(`${e} → ${correctWord(e, knowledge)}`);
      }
    }
    expect(changed).toEqual([]);
  });

  it.each([
    'my feet are smelling after the run',
    'I was selling stuff at the market all day',
    'I was spelling words with my son',
    'I swept the floor and then my calf ached',
    'I went bowling on saturday',
  ])('"%s" names no red flag', (text) => {
    expect(yesRedFlags(text)).toEqual([]);
  });

  it.each([
    'no sweling at all',
    'my calf isnt swolen',
    'neither leg is swolllen',
    "I'm not short of breth",
    'I havent had any palpatations',
    'no redness or inflammtion',
  ])('"%s" (negated) names no red flag', (text) => {
    expect(yesRedFlags(text)).toEqual([]);
  });

  it('property: a one-letter slip in a negated red-flag word gives no red flag the right spelling does not', () => {
    // "no pulse" and "not healing" are red flags as written; a slip may give those, and nothing more.
    const slip = fc
      .record({
        word: fc.constantFrom(...redFlagWords),
        at: fc.nat(),
        letter: fc.constantFrom(...'aeiouhlnrst'),
      })
      .map(({ word, at, letter }) => {
        const i = at % word.length;
        return { word, typo: word.slice(0, i) + letter + word.slice(i + 1) };
      });
    const negation = fc.constantFrom(
      'no',
      'not',
      'never',
      "I don't have any",
      "it isn't",
      'neither leg is',
      'without',
    );
    fc.assert(
      fc.property(negation, slip, (neg, { word, typo }) => {
        const allowed = new Set(yesRedFlags(`${neg} ${word}`));
        expect(yesRedFlags(`${neg} ${typo}`).filter((f) => !allowed.has(f))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
