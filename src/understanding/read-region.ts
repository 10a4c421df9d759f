/**
 * Where the person says they are ("I'm in Australia", "we live in the UK", "in the states",
 * "I'm in Paris"), so the emergency number fits them. Returns a care.yaml region code, ELSEWHERE
 * for a place calfbot has no care text for (India, Canada...: "your local emergency
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
    /\b(new zealand|nz|aotearoa|auckland|wellington|christchurch|hamilton nz|dunedin|tauranga|queenstown)\b/i,
    'NZ',
  ],
  [
    /\b(eu|europe|ireland|germany|france|spain|italy|portugal|netherlands|holland|belgium|austria|sweden|denmark|finland|poland|greece|czechia|czech republic|hungary|romania|bulgaria|croatia|slovakia|slovenia|luxembourg|malta|cyprus|estonia|latvia|lithuania|dublin|cork|paris|lyon|marseille|berlin|munich|hamburg|frankfurt|cologne|madrid|barcelona|valencia|seville|rome|milan|naples|florence|lisbon|porto|amsterdam|rotterdam|brussels|antwerp|vienna|stockholm|copenhagen|helsinki|warsaw|krakow|athens|prague|budapest|bucharest|sofia|zagreb)\b/i,
    'EU',
  ],
  [
    /\b(india|mumbai|delhi|bangalore|bengaluru|chennai|kolkata|hyderabad|canada|toronto|vancouver|montreal|calgary|ottawa|south africa|johannesburg|cape town|durban|singapore|hong kong|japan|tokyo|china|philippines|manila|pakistan|karachi|lahore|nigeria|lagos|kenya|nairobi|brazil|mexico|argentina|uae|dubai|abu dhabi|saudi|qatar|doha|israel|turkey|istanbul|norway|oslo|switzerland|zurich|geneva|iceland|russia|ukraine|kyiv)\b/i,
    ELSEWHERE,
  ],
];
const SAYS_WHERE =
  /\b(i'?m|i am|im|we'?re|we are|i live|we live|living|based|located|currently|from|landed|arrived|flew)\b[^.!?]{0,20}?\b(in|from|at|to)\b/i;

/** "flew back from Sydney", "I'm from Leeds": a place someone came from, not where they are. */
const ORIGIN = /\b(from|flew|flown|back|originally)\s+(\w+\s+)?$/i;

export function readRegion(text: string): string | null {
  const where = SAYS_WHERE.exec(text);
  if (!where) return null;
  // Every place named in the rest of the message; where the person is beats where they came from.
  const rest = text.slice(where.index, where.index + where[0].length + 80);
  const found: Array<{ at: number; code: string; origin: boolean }> = [];
  for (const [pattern, code] of PLACES) {
    const all = new RegExp(pattern.source, 'gi');
    for (let m = all.exec(rest); m !== null; m = all.exec(rest)) {
      // "us" only counts as the country in capitals ("I'm in the US"), never the word "us".
      if (code === 'US' && !/^(US|USA|U\.S\.|united states|america|the states)/i.test(m[0])) continue;
      if (code === 'US' && /^us$/i.test(m[0]) && m[0] !== 'US') continue;
      found.push({ at: m.index, code, origin: ORIGIN.test(rest.slice(0, m.index)) });
    }
  }
  found.sort((a, b) => Number(a.origin) - Number(b.origin) || a.at - b.at);
  return found[0]?.code ?? null;
}
