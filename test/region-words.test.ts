/**
 * Safety item S5 (exploratory test): the emergency number follows where the person says they are,
 * however they say it ("in Leeds, ...", "Cardiff here", "(Leeds, UK)", "should I go to A&E?",
 * "Mumbai."), and never where they came from, a first name or the word "us". The operator's
 * default region is US (911) throughout, so a wrong reading shows as the wrong number.
 */
import { describe, expect, it } from 'vitest';
import { composeAssessment } from '../src/conversation/compose-assessment.js';
import { readRegion } from '../src/understanding/read-region.js';
import type { AssessmentReply, Reply } from '../src/vocabulary.js';
import { assessmentOf, chat, knowledge, lastQuestion } from './helpers/bot.js';

const BREATHLESS = 'my calf is swollen and I am suddenly breathless';

const headlineOf = async (text: string) => assessmentOf((await chat().say(text)).replies)?.headline;
const allText = (a: AssessmentReply) => [a.headline, a.text, ...a.nextSteps, ...a.watchFor].join('\n');

describe('a place said in other words gets its own emergency number', () => {
  it.each([
    [`in Leeds, ${BREATHLESS}`, 'Call 999 now'],
    ['calf swollen and breathless (Leeds, UK)', 'Call 999 now'],
    [`Cardiff here, ${BREATHLESS}`, 'Call 999 now'],
    [`here in Cardiff, ${BREATHLESS}`, 'Call 999 now'],
    [`Edinburgh, ${BREATHLESS}`, 'Call 999 now'],
    [`${BREATHLESS}, should i go to A&E?`, 'Call 999 now'],
    [`Melbourne - ${BREATHLESS}`, 'Call 000 now'],
    [`Melbourne here. ${BREATHLESS}`, 'Call 000 now'],
    [`Aussie here, ${BREATHLESS}`, 'Call 000 now'],
    [`${BREATHLESS}, in Australia`, 'Call 000 now'],
    [`I'm in Galway, ${BREATHLESS}`, 'Call 112 now'],
    [`Hi from Limerick, ${BREATHLESS}`, 'Call 112 now'],
    [`I'm in Toronto, ${BREATHLESS}`, 'Call 911 now'],
    [`I'm in Mumbai, ${BREATHLESS}`, 'Call 112 now'],
    [`Mumbai. ${BREATHLESS}`, 'Call 112 now'],
  ])('%s → %s', async (text, headline) => {
    expect(await headlineOf(text)).toBe(headline);
  });

  it('reads each way of saying it, and which region it is', () => {
    const cases: Array<[string, string]> = [
      ['in Leeds, my calf is swollen', 'UK'],
      ['calf swollen and breathless (Leeds, UK)', 'UK'],
      ['Cardiff here, my calf hurts', 'UK'],
      ['here in Cardiff... my calf hurts', 'UK'],
      ['Edinburgh, calf swollen', 'UK'],
      ['should i go to A&E?', 'UK'],
      ['Melbourne - calf swollen', 'AU'],
      ['Melbourne here', 'AU'],
      ['Aussie here', 'AU'],
      ['my calf is swollen and I am breathless, in Australia', 'AU'],
      ["I'm in Galway and my calf hurts", 'EU'],
      ['Hi from Limerick, my calf hurts', 'EU'],
      ["I'm in Toronto", 'CA'],
      ["I'm in Vancouver", 'CA'],
      ["I'm in Calgary", 'CA'],
      ["I'm in Canada", 'CA'],
      ["I'm in Mumbai", 'IN'],
      ["I'm in Delhi", 'IN'],
      ["I'm in Kolkata", 'IN'],
      ["I'm in Chennai, India", 'IN'],
      ['Mumbai.', 'IN'],
    ];
    for (const [text, region] of cases) expect(readRegion(text), text).toBe(region);
  });

  it('a region said later in the conversation still switches the number', async () => {
    const c = chat();
    expect(lastQuestion((await c.say('my left calf hurts')).replies)).toBeDefined();
    await c.say('Cardiff here btw');
    const out = await c.say("I'm suddenly breathless");
    expect(assessmentOf(out.replies)?.headline).toBe('Call 999 now');
  });
});

describe('words that do not say where the person is', () => {
  it.each([
    `I flew back from Spain and ${BREATHLESS}`,
    `can you help us? ${BREATHLESS}`,
    `Jordan here, ${BREATHLESS}`,
    `Georgia, ${BREATHLESS}`,
    `Victoria here, ${BREATHLESS}`,
    `Perth here, ${BREATHLESS}`,
    `Sydney here, ${BREATHLESS}`,
    `In Spain last year I hurt it, and now ${BREATHLESS}`,
  ])('%s keeps the default (911)', async (text) => {
    expect(await headlineOf(text)).toBe('Call 911 now');
  });

  it('reads no place in them', () => {
    for (const text of [
      'I flew back from Spain',
      'got back from Spain yesterday',
      "I'm originally from Leeds",
      'can you help us, it hurts',
      'I M IN PAIN, PLEASE HELP US',
      'Jordan here',
      'Georgia, my calf hurts',
      'Victoria here',
      'Perth here',
      'Paris, my calf hurts',
      'Leeds United lost and my calf hurts',
      'I take vitamins A & E',
      'hurt my calf on holiday, in Spain.',
    ]) {
      expect(readRegion(text), text).toBeNull();
    }
  });

  it('where the person is beats where they came from or are going', () => {
    expect(readRegion("I'm in Leeds, flying to Spain tomorrow")).toBe('UK');
    expect(readRegion("I'm originally from India, living in Toronto")).toBe('CA');
    expect(readRegion("I'm back in Leeds")).toBe('UK');
    expect(readRegion("I'm an Aussie living in London")).toBe('UK');
    expect(readRegion("I'm in Perth, Scotland")).toBe('UK');
    expect(readRegion("I'm in London, Ontario")).toBe('CA');
  });

  it('keeps two-country names as they were: "I\'m in Perth" is Australia, Hyderabad alone is neither', () => {
    expect(readRegion("I'm in Perth")).toBe('AU');
    expect(readRegion("I'm in Hyderabad")).toBe('ELSEWHERE');
    expect(readRegion("I'm in Hyderabad, India")).toBe('IN');
  });

  it('"Spain." answers the open question about a trip: it does not switch the number', async () => {
    expect(readRegion('Spain.')).toBe('EU');
    expect(readRegion('Spain.', { answersTrip: true })).toBeNull();
    const c = chat();
    await c.say('my left calf hurts');
    const trip = lastQuestion((await c.say('none')).replies)!;
    expect(trip.type === 'yes_no' && trip.finding).toBe('clot_risk_factor');
    await c.say('Spain.');
    const out = await c.say("I'm suddenly breathless");
    expect(assessmentOf(out.replies)?.headline).toBe('Call 911 now');
  });
});

describe('Canada', () => {
  it('gets 911 and the 811 health line, never NHS 111 or "your local emergency number"', async () => {
    const a = assessmentOf((await chat().say(`I'm in Calgary, ${BREATHLESS}`)).replies)!;
    expect(a.headline).toBe('Call 911 now');
    expect(allText(a)).not.toMatch(/NHS 111|local emergency number/);
    expect(a.sources.map((s) => s.url)).toContain('https://crtc.gc.ca/eng/phone/911/can.htm');
    const urgent = composeAssessment(knowledge(), { one_leg_swollen: 'yes' }, 'CA');
    expect(allText(urgent)).toMatch(/the 811 health line \(in most provinces\)/);
    expect(allText(urgent)).not.toMatch(/\b(999|112|000)\b/);
  });
});

describe('India', () => {
  it('gets 112, never 911 or "your local emergency number"', async () => {
    const a = assessmentOf((await chat().say(`I'm in Delhi, ${BREATHLESS}`)).replies)!;
    expect(a.headline).toBe('Call 112 now');
    expect(allText(a)).not.toMatch(/\b911\b|local emergency number|NHS 111/);
    expect(a.sources.map((s) => s.url)).toContain(
      'https://www.mha.gov.in/en/commoncontent/nirbhayaerss-section',
    );
  });
});

describe('the disclaimer', () => {
  it('names the Canada and India numbers too', async () => {
    const replies: Reply[] = (await chat().say(BREATHLESS)).replies;
    const a = assessmentOf(replies)!;
    expect(a.disclaimer).toMatch(/911 in Canada and 112 in India/);
  });
});
