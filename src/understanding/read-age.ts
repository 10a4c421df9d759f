/**
 * The age of the person with the sore calves, read from what people type: "76 year old here",
 * "im 68", "58M", "F29", "my son is 6", "hes nine", "61 btw", or a bare "64" when the question
 * asked about age. Numbers with a unit ("7 hrs", "10 days", "40mg", "38.6") are not ages.
 */

import { numberWords } from './number-words.js';

const WORD_NUMBERS = new Map<string, number>([
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
]);
const NUM = `(\\d{1,3}|${[...WORD_NUMBERS.keys()].join('|')})`;
/** What may follow a number that makes it a quantity, not an age. */
const UNIT =
  '(?:[.,:/]\\d|\\s*(?:%|\\+|mg|mcg|ml|kg|lbs?|st\\b|stone|miles?|mi\\b|km|k\\b|hrs?|hours?|h\\b|mins?|minutes?|secs?|seconds?|days?|nights?|weeks?|wks?|months?|mths?|years?|yrs?|times|x\\b|degrees?|°|am\\b|pm\\b|percent|cm|inch|feet|ft\\b|mmol|a day|a week|a night|a month|per|every|cigarettes|fags|units|glasses|cups|pints|bottles|litres?|liters?|floors?|flights?|steps?|reps?|squats|laps|sets|goals?|-?mile))';
const NOT_UNIT = `(?!${UNIT})`;

const PATTERNS: RegExp[] = [
  // "76 year old", "7-year-old", "24yo", "46 y/o"
  new RegExp(`\\b${NUM}\\s*-?\\s*(?:years?|yrs?|yr)\\s*-?\\s*old\\b`, 'i'),
  new RegExp(`\\b${NUM}\\s*(?:yo|y\\/o|y\\.o\\.)\\b`, 'i'),
  // "aged 68", "age 68", "age: 68"
  new RegExp(`\\bage(?:d)?\\s*:?\\s*${NUM}\\b${NOT_UNIT}`, 'i'),
  // "58M", "21f", "46, male", "F29", "M 45"
  /\b(\d{2})\s*,?\s*(?:m|f|male|female)\b/i,
  new RegExp(`\\b(?:m|f|male|female)\\s*,?\\s*(\\d{2})\\b${NOT_UNIT}`, 'i'),
  // "I'm 68", "she is 71", "my dad's 78", "mum is 71", "my son is 6", "he's nine", "turned 60"
  new RegExp(
    `\\b(?:i'?m|i am|im|he'?s|she'?s|hes|shes|he is|she is|(?:mum|mom|mam|mother|dad|father|husband|wife|partner|son|daughter|boy|girl|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|aunt|auntie|uncle|brother|sister|kid|child|patient)(?:'s| is|s)|turned|turning)\\s+(?:just\\s+|only\\s+|nearly\\s+|almost\\s+)?${NUM}\\b${NOT_UNIT}`,
    'i',
  ),
  // "my nan (83, diabetic)", "dad, 79,"
  /\b(?:mum|mom|mam|mother|dad|father|husband|wife|partner|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|aunt|auntie|uncle)\s*[,(]\s*(\d{2,3})\b(?![.,:/]\d)/i,
  // "64 and still smoke", "61, diabetic": a message that opens with a number
  /^\s*(\d{2})\s*(?:,|and\b|here\b|now\b|with\b)/i,
  // "61 btw", "72 last birthday", "47 if that matters", "24 if thats relevant"
  new RegExp(
    `\\b${NUM}\\s+(?:btw|last birthday|if (?:that|it)(?:'?s)? (?:matters|relevant|helps)|next month)\\b`,
    'i',
  ),
];

const toNumber = (s: string): number => WORD_NUMBERS.get(s.toLowerCase()) ?? Number(s);
const plausible = (n: number) => Number.isInteger(n) && n >= 1 && n <= 110;

/** The age stated in the text, or null. `expected`: the question was about age, so a bare number counts. */
export function readAge(text: string, expected = false): number | null {
  const t = numberWords.asDigits(text).replace(/[’‘`´]/g, "'");
  for (const pattern of PATTERNS) {
    const m = pattern.exec(t);
    if (m?.[1] && plausible(toNumber(m[1]))) return toNumber(m[1]);
  }
  // A message that ends with a lone number after a full stop or comma ("... like strong tea. 59").
  const tail = /(?:^|[.,!?;]\s*)(\d{2})\s*[.!?]*\s*$/.exec(t);
  if (tail?.[1] && plausible(Number(tail[1])) && Number(tail[1]) >= 16) return Number(tail[1]);
  if (expected) {
    const bare = new RegExp(
      `(?:^|\\s)(?<!(?:used to be|about|around|like|over|under|every|than|for|only|maybe)\\s)${NUM}\\b${NOT_UNIT}`,
      'i',
    ).exec(t);
    if (bare?.[1] && plausible(toNumber(bare[1]))) return toNumber(bare[1]);
  }
  return null;
}
