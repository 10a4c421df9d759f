/**
 * Where the person says they are ("I'm in Australia", "we live in the UK", "in the states",
 * "I'm in Paris"), so the emergency number fits them. Returns a care.yaml region code, ELSEWHERE
 * for a place calfbot has no care text for (New Zealand, India, Canada...: "your local emergency
 * number", never the configured region's), or null when the message says no place.
 */

/** A place with no care text of its own: the answer names "your local emergency number". */
export const ELSEWHERE = 'ELSEWHERE';

const PLACES: Array<[RegExp, string]> = [
  [
    /\b(australia|aussie|sydney|melbourne|brisbane|perth|adelaide|canberra|hobart|darwin|gold coast)\b/i,
    'AU',
  ],
  [
    /\b(uk|u\.k\.|united kingdom|britain|great britain|england|scotland|wales|northern ireland|london|manchester|birmingham|liverpool|leeds|glasgow|edinburgh|cardiff|belfast|bristol|newcastle|sheffield|nottingham)\b/i,
    'UK',
  ],
  [/\b(usa|u\.s\.a?\.?|us|united states|america|the states)\b/i, 'US'],
  [
    /\b(eu|europe|ireland|germany|france|spain|italy|portugal|netherlands|holland|belgium|austria|sweden|denmark|finland|poland|greece|czechia|czech republic|hungary|romania|bulgaria|croatia|slovakia|slovenia|luxembourg|malta|cyprus|estonia|latvia|lithuania|dublin|cork|paris|lyon|marseille|berlin|munich|hamburg|frankfurt|cologne|madrid|barcelona|valencia|seville|rome|milan|naples|florence|lisbon|porto|amsterdam|rotterdam|brussels|antwerp|vienna|stockholm|copenhagen|helsinki|warsaw|krakow|athens|prague|budapest|bucharest|sofia|zagreb)\b/i,
    'EU',
  ],
  [
    /\b(new zealand|nz|aotearoa|auckland|wellington|christchurch|india|mumbai|delhi|bangalore|bengaluru|chennai|kolkata|hyderabad|canada|toronto|vancouver|montreal|calgary|ottawa|south africa|johannesburg|cape town|durban|singapore|hong kong|japan|tokyo|china|philippines|manila|pakistan|karachi|lahore|nigeria|lagos|kenya|nairobi|brazil|mexico|argentina|uae|dubai|abu dhabi|saudi|qatar|doha|israel|turkey|istanbul|norway|oslo|switzerland|zurich|geneva|iceland|russia|ukraine|kyiv)\b/i,
    ELSEWHERE,
  ],
];
const SAYS_WHERE =
  /\b(i'?m|i am|im|we'?re|we are|i live|we live|living|based|located|currently|from)\b[^.!?]{0,20}?\b(in|from)\b/i;

export function readRegion(text: string): string | null {
  const where = SAYS_WHERE.exec(text);
  if (!where) return null;
  const rest = text.slice(where.index, where.index + where[0].length + 40);
  for (const [pattern, code] of PLACES) {
    // "us" only counts as the country in capitals ("I'm in the US"), never the word "us".
    if (code === 'US' && !/\b(US|USA|U\.S\.|united states|america|the states)\b/.test(rest)) continue;
    if (pattern.test(rest)) return code;
  }
  return null;
}
