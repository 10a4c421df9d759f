/**
 * Exploratory test 5, S6: the emergency number is the one where the person is now. A state or
 * province after a city decides which city it is; a place the person came back from is not where
 * they are; a trip they are on now is; "should I ring 999?" says the UK. When a place is unclear,
 * the operator's default (911 here) or "your local emergency number" is kept, never a guess.
 */
import { describe, expect, it } from 'vitest';
import { readRegion } from '../src/understanding/read-region.js';
import { assessmentOf, chat, playNoneThenAsk } from './helpers/bot.js';

const BREATHLESS = 'calf swollen and breathless';
const headlineOf = async (text: string) => assessmentOf((await chat().say(text)).replies)?.headline;

describe('a state or province after the city decides', () => {
  it.each([
    ["I'm in Birmingham, AL", 'US'],
    ["I'm in Birmingham, Alabama", 'US'],
    ["I'm in Manchester, New Hampshire", 'US'],
    ["I'm in Melbourne, Florida", 'US'],
    ["I'm in Dublin, Ohio", 'US'],
    ["I'm in Paris, Texas", 'US'],
    ["I'm in Delhi, NY", 'US'],
    ["I'm in Sydney, Nova Scotia", 'CA'],
    ["I'm in Newcastle NSW", 'AU'],
    ['911?? im in newcastle nsw mate', 'AU'],
    ["I'm in Perth, WA", 'AU'],
    ["I'm in Victoria, BC", 'CA'],
    ["I'm in London, Ontario", 'CA'],
    ["I'm in Perth, Scotland", 'UK'],
    ["I'm in Chennai, India", 'IN'],
  ])('%s → %s', (text, region) => {
    expect(readRegion(text)).toBe(region);
  });

  it('gives the number of that country in the answer', async () => {
    expect(await headlineOf(`I'm in Birmingham, AL. ${BREATHLESS}`)).toBe('Call 911 now');
    expect(await headlineOf(`I'm in Newcastle NSW, ${BREATHLESS}`)).toBe('Call 000 now');
  });
});

describe('other ways of saying the country', () => {
  it.each([
    ["I'm on the Gold Coast", 'AU'],
    ["I'm in Cairns", 'AU'],
    ['from Aus, calf swollen', 'AU'],
    ['uk based, calf swollen', 'UK'],
    ['Brit here, calf swollen', 'UK'],
    ['Scottish lass here, calf swollen', 'UK'],
    ['from NI, calf swollen', 'UK'],
    ["I'm in Derry", 'UK'],
    ['Irish here, calf swollen', 'EU'],
    ['in Eire, calf swollen', 'EU'],
    ['Kiwi here, calf swollen', 'NZ'],
    ["I'm in Kerala", 'IN'],
    ["I'm in Pretoria", 'ELSEWHERE'],
    ['in Joburg, calf swollen', 'ELSEWHERE'],
    ["I'm in Boston", 'US'],
    ["I'm in Texas", 'US'],
  ])('%s → %s', (text, region) => {
    expect(readRegion(text)).toBe(region);
  });

  it('"should I ring 999?" is the UK, "call triple zero" Australia', async () => {
    expect(await headlineOf(`${BREATHLESS}, should I ring 999?`)).toBe('Call 999 now');
    expect(readRegion('do i call triple zero?')).toBe('AU');
    expect(readRegion('should i call 112')).toBe('EU');
  });
});

describe('where the person is now, not where they were', () => {
  it.each([
    ['got back from a trip to Dublin yesterday', null],
    ['just back from holiday in Spain', null],
    ['I flew back from the offsite in Lisbon on monday', null],
    ['just got home from Spain', null],
    ['back home in Perth after visiting family', 'AU'],
    ['visiting family in London, calf swollen', 'UK'],
    ["I'm on holiday in Portugal", 'EU'],
    ['staying with my sister in Cork and my calf is swollen', 'EU'],
    ["at my mum's in Auckland, calf swollen", 'NZ'],
    ["I live in the US but I'm in Paris right now", 'EU'],
    ["I'm flying to Sydney from London next week", 'UK'],
    ['flew back to Manchester from Orlando', 'UK'],
    ["I'm in Brisbane visiting from London", 'AU'],
  ])('%s → %s', (text, region) => {
    expect(readRegion(text)).toBe(region);
  });

  it('keeps the default number for a place they came back from', async () => {
    expect(await headlineOf(`just back from holiday in Spain, ${BREATHLESS}`)).toBe('Call 911 now');
  });
});

describe('words that are still not a place', () => {
  it.each([
    'Georgia here, my calf hurts',
    'Victoria here',
    'I drank 8 oz of pickle juice',
    'hurt it on holiday in Spain',
    'I read it on Cleveland Clinic',
    'Charlotte here, calf hurts',
    'in pain, need help',
  ])('%s', (text) => {
    expect(readRegion(text)).toBeNull();
  });
});

describe('a place said only after the answer', () => {
  it('gives the numbers there, with their source', async () => {
    const { assessment, answers } = await playNoneThenAsk(
      'EU',
      'my left calf is swollen and sore since yesterday',
      "I'm in Boston btw, what number should I call?",
    );
    expect(assessment.triage).toBe('urgent');
    expect(answers[0]).toMatch(/Where you are, call 911 in an emergency/);
    expect(answers[0]).toMatch(/your doctor or an urgent care clinic/);
    expect(answers[0]).not.toMatch(/\b112\b/);
  });

  it('says nothing new when the place has the same numbers', async () => {
    const { answers } = await playNoneThenAsk('UK', 'my left calf is swollen and sore', "I'm in Leeds btw");
    expect(answers[0]).not.toMatch(/that changes the numbers/);
  });
});

it('a flight from one place to another ends where they are', () => {
  expect(readRegion("I just flew from Sydney to London, I'm at Heathrow now")).toBe('UK');
});
