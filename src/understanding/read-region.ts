/**
 * Where the person says they are ("I'm in Australia", "we live in the UK", "in the states"),
 * so the emergency number fits them. Returns a care.yaml region code, or null.
 */
const PLACES: Array<[RegExp, string]> = [
  [/\b(australia|aussie|sydney|melbourne|brisbane|perth|adelaide)\b/i, 'AU'],
  [/\b(uk|u\.k\.|united kingdom|britain|england|scotland|wales|northern ireland|london|manchester)\b/i, 'UK'],
  [/\b(usa|u\.s\.a?\.?|us|united states|america|the states)\b/i, 'US'],
  [
    /\b(eu|europe|ireland|germany|france|spain|italy|portugal|netherlands|belgium|austria|sweden|denmark|finland|poland|greece|czechia|hungary|romania)\b/i,
    'EU',
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
