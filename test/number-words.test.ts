import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Knowledge } from '../src/knowledge/schema.js';
import { extractFindings } from '../src/understanding/extract-findings.js';
import { compoundNumbersAsDigits } from '../src/understanding/number-words.js';
import { readAge } from '../src/understanding/read-age.js';

let knowledge: Knowledge;
beforeAll(() => {
  knowledge = loadKnowledge();
});

describe('ages typed as compound number words', () => {
  it.each([
    ["I'm sixty-eight", 68],
    ['seventy two year old man', 72],
    ['my mum is eighty one', 81],
    ["I'm thirty five and pregnant", 35],
    ["she's ninety-two", 92],
    ['aged seventy-six', 76],
    // single number words and digits still read as before
    ["he's nine", 9],
    ['im fifty', 50],
    ['im 24', 24],
  ])('"%s" is %i', (text, age) => {
    expect(readAge(text)).toBe(age);
  });

  it('a 72 year old is not a child of 2', () => {
    const found = extractFindings('seventy two year old, my calf cramps at night', knowledge);
    expect(found.get('child_under_16')).toBe('no');
    expect(found.get('age_60_plus')).toBe('yes');
  });

  it('other numbers keep their units ("twenty five minutes" is no age)', () => {
    expect(readAge('it hurts after twenty five minutes of walking')).toBeNull();
  });

  it('text without a compound number word is handed back untouched', () => {
    const text = "I'm 58 and can't walk one block, it's been two weeks";
    expect(compoundNumbersAsDigits(text)).toBe(text);
  });
});
