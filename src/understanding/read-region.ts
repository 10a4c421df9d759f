/**
 * Where the person says they are, so the emergency number fits them. Returns a care.yaml region
 * code, ELSEWHERE for a place calfbot has no care text for (South Africa, Japan...: "your local
 * emergency number", never the configured region's), a code with the TENTATIVE prefix ("~UK")
 * for a place said only in passing ("pregnant in glasgow"), or null when it says no place.
 *
 * Ways of saying it that count:
 * - "I'm in Australia", "we live in the UK", "currently in the states", "I'm in Paris";
 * - at the start of the message or a sentence: "in Leeds, ...", "here in Cardiff...", "Cardiff
 *   here", "Aussie here", "Edinburgh, calf swollen", "Melbourne - calf swollen", "Mumbai.",
 *   "Hi from Limerick";
 * - at the end: "..., in Australia"; in brackets: "(Leeds, UK)";
 * - UK-only words: "go to A&E".
 * Never where the person came from ("I flew back from Spain", "originally from Leeds"), and a
 * place that is also a first name (Sydney, Paris, Florence...) or a city in two countries (Perth)
 * counts only when the person says "in" it ("I'm in Sydney"), never on its own ("Sydney here").
 */

/** A place with no care text of its own: the answer names "your local emergency number". */
export const ELSEWHERE = 'ELSEWHERE';

const PLACES: Array<[RegExp, string]> = [
  [
    /\b(australia|sydney|melbourne|brisbane|perth|adelaide|canberra|hobart|darwin|gold coast|sunshine coast|cairns|townsville|geelong|wollongong|toowoomba|ballarat|bendigo|launceston|alice springs|queensland|new south wales|tasmania|western australia|south australia|northern territory|victoria|nsw|qld|aus|perth,? wa)\b/i,
    'AU',
  ],
  [
    /\b(uk|u\.k\.|united kingdom|britain|great britain|england|scotland|wales|northern ireland|london|manchester|birmingham|liverpool|leeds|glasgow|edinburgh|cardiff|swansea|belfast|bristol|newcastle|sheffield|nottingham|derry|londonderry|aberdeen|dundee|inverness|leicester|coventry|bradford|oxford|brighton|southampton|portsmouth|plymouth|exeter|norwich|sunderland|middlesbrough|wolverhampton|milton keynes|yorkshire|cornwall|essex|lancashire|hull|paisley|whitehaven|stockport|salford|wigan|blackburn|burnley|huddersfield|wakefield|doncaster|rotherham|barnsley|gateshead|carlisle|lancaster|chester|shrewsbury|worcester|gloucester|cheltenham|swindon|bournemouth|torquay|truro|stoke|telford|peterborough|colchester|southend|slough|watford|guildford|maidstone|canterbury|somerset|devon|kent|surrey|sussex|norfolk|suffolk|ni|perth,? scotland)\b/i,
    'UK',
  ],
  [
    // The states, and cities with no namesake elsewhere in this list ("Birmingham, AL" and
    // "Melbourne, Florida" are read by the state after the city: QUALIFIERS below).
    /\b(usa|u\.s\.a?\.?|us|united states|america|the states|alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|nyc|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|west virginia|washington state|wisconsin|wyoming|los angeles|chicago|houston|phoenix|philadelphia|san antonio|san diego|dallas|san francisco|seattle|boston|denver|atlanta|miami|detroit|nashville|las vegas|minneapolis|orlando|baltimore|pittsburgh|cincinnati|st\.? louis|kansas city|salt lake city|sacramento|charlotte|raleigh|tampa|brooklyn|the bronx)\b/i,
    'US',
  ],
  [
    /\b(new zealand|nz|aotearoa|auckland|wellington|christchurch|hamilton nz|dunedin|tauranga|queenstown|taranaki|waikato|otago|northland|bay of plenty|hawkes bay|napier|rotorua|palmerston north|new plymouth)\b/i,
    'NZ',
  ],
  [
    /\b(canada|toronto|vancouver|montreal|montréal|quebec|québec|calgary|ottawa|edmonton|winnipeg|mississauga|saskatoon|ontario|alberta|british columbia|saskatchewan|manitoba|nova scotia|new brunswick|newfoundland|halifax|victoria,? bc|london,? ontario)\b/i,
    'CA',
  ],
  [
    // Hyderabad is in India and Pakistan: only "Hyderabad, India" (below, ELSEWHERE otherwise).
    /\b(india|mumbai|bombay|delhi|new delhi|bangalore|bengaluru|chennai|madras|kolkata|calcutta|pune|ahmedabad|jaipur|lucknow|noida|gurgaon|gurugram|kochi|cochin|thiruvananthapuram|trivandrum|coimbatore|nagpur|indore|bhopal|surat|chandigarh|kerala|tamil nadu|karnataka|maharashtra|gujarat|rajasthan|telangana|andhra pradesh|west bengal|uttar pradesh|bihar|odisha|assam|haryana|hyderabad,? india)\b/i,
    'IN',
  ],
  [
    /\b(eu|europe|ireland|eire|éire|germany|france|spain|italy|portugal|netherlands|holland|belgium|austria|sweden|denmark|finland|poland|greece|czechia|czech republic|hungary|romania|bulgaria|croatia|slovakia|slovenia|luxembourg|malta|cyprus|estonia|latvia|lithuania|dublin|cork|galway|limerick|waterford|kilkenny|sligo|paris|lyon|marseille|berlin|munich|hamburg|frankfurt|cologne|madrid|barcelona|valencia|seville|rome|milan|naples|florence|lisbon|porto|amsterdam|rotterdam|brussels|antwerp|vienna|stockholm|copenhagen|helsinki|warsaw|krakow|athens|prague|budapest|bucharest|sofia|zagreb)\b/i,
    'EU',
  ],
  [
    /\b(hyderabad|south africa|johannesburg|joburg|jo'burg|jozi|pretoria|soweto|port elizabeth|gqeberha|bloemfontein|cape town|durban|singapore|hong kong|japan|tokyo|china|philippines|manila|pakistan|karachi|lahore|nigeria|lagos|kenya|nairobi|brazil|mexico|argentina|uae|dubai|abu dhabi|saudi|qatar|doha|israel|turkey|istanbul|norway|oslo|switzerland|zurich|geneva|iceland|russia|ukraine|kyiv|malaysia|kuala lumpur|thailand|bangkok|indonesia|bali|vietnam|korea|seoul|egypt|cairo|ghana|accra|sri lanka|colombo|bangladesh|dhaka|nepal)\b/i,
    ELSEWHERE,
  ],
];

/** PLACES, to find every match in a text. */
const EVERY_PLACE: Array<[RegExp, string]> = PLACES.map(([re, code]) => [new RegExp(re.source, 'gi'), code]);

/** "Aussie here": who the person is, read only in "... here", never as a place they name. */
const DEMONYMS: Array<[RegExp, string]> = [
  [/\b(aussie|australian)\b/i, 'AU'],
  [/\b(brit|british|scottish|scot|welsh|geordie|scouser)\b/i, 'UK'],
  [/\b(irish)\b/i, 'EU'],
  [/\b(kiwi)\b/i, 'NZ'],
  [/\b(canadian|canuck)\b/i, 'CA'],
  [/\b(american|yank)\b/i, 'US'],
  [/\b(south african|saffa)\b/i, ELSEWHERE],
];

/**
 * "Birmingham, AL", "Newcastle NSW", "Paris, Texas": a state, province or country right after a
 * city says which one it is. Postal codes count only in capitals, after a place.
 */
const US_STATE_CODE =
  /^(?:\s*,\s*|\s+(?=[A-Z]{2}(?:[\s,.!?)]|$)))(AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)(?=[\s,.!?)]|$)/;
const AU_STATE_CODE = /^\s*,?\s*(NSW|QLD|VIC|TAS|nsw|qld|vic|tas)\b|^\s*,\s*(WA|SA|NT|ACT)(?=[\s,.!?)]|$)/;
const CA_PROVINCE_CODE = /^\s*,\s*(ON|BC|AB|QC|NS|NB|MB|SK|PE|NL|YT|NU)(?=[\s,.!?)]|$)/;
/** A place name right after the city ("Melbourne, Florida"), with nothing between but a comma. */
const QUALIFIER: Array<[RegExp, string]> = PLACES.map(([re, code]) => [
  new RegExp(String.raw`^\s*,?\s*${re.source}`, 'i'),
  code,
]);

/** "got back from a trip to Dublin", "just back from holiday in Spain": where they were, not are. */
const CAME_BACK =
  /\b(?:back|home|returned|came|come|flew|flown|arrived|landed|drove)\s+(?:home\s+|back\s+)?from\b(?:(?!\b(?<!(?:trip|holiday|visit|vacation|journey|flight|conference|offsite) )to\b)[^.!?;])*$/i;
/** "... but I'm in Paris right now": the place the person is in now beats where they live. */
const NOW_BEFORE = /\b(?:but|now|currently|right now|at the moment|atm|rn)\b[^.!?;,]{0,15}$/i;
const NOW_AFTER =
  /^(?:(?!\b(?:but|and|though)\b)[^.!?;,]){0,30}?\b(?:right now|rn|atm|at the moment|currently|this week|for work|for a conference|on holiday|on vacation|for the week)\b/i;
/** "flying to Sydney from London next week": a trip still to come starts where they are now. */
const FUTURE_TRIP_FROM = /\b(?:flying|fly|going|heading|travell?ing|driving|leaving)\b[^.!?;]*\bfrom\s+$/i;
const FUTURE =
  /^[^.!?;]{0,40}?\b(?:next|tomorrow|tonight|soon|later|this (?:weekend|week|month)|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|in \d+ (?:days?|weeks?))\b/i;
/** "should I ring 999?", "do I call triple zero": the number says where they are. */
const NUMBER_SAID =
  /\b(?:ring|call|dial|phone|calling|ringing|ring up|call up)\s+(?:an?\s+|the\s+)?(999|000|112|911|triple (?:nine|9|zero|0))\b/i;
const NUMBER_REGION: Record<string, string> = { '999': 'UK', '000': 'AU', '112': 'EU', '911': 'US' };

/** Any place or demonym at all: every other way of saying a place needs one. */
const ANY_PLACE_OR_DEMONYM = new RegExp([...PLACES, ...DEMONYMS].map(([re]) => re.source).join('|'), 'i');

/**
 * Places that are also first names ("Sydney here", "Paris, my calf hurts") or cities in two
 * countries (Perth: Scotland and Western Australia). They count after "in", never on their own.
 */
const NOT_ON_ITS_OWN =
  /^(sydney|adelaide|perth|darwin|hobart|wellington|florence|sofia|paris|milan|vienna|valencia|holland|cork|alberta|india|kenya|israel|china|turkey|america|us|eu|victoria|georgia|virginia|indiana|charlotte|dallas|phoenix|brooklyn|orlando|aus|ni)$/i;

const SAYS_WHERE =
  /\b(i'?m|i am|im|we'?re|we are|i live|we live|live|living|based|located|currently|from|landed|arrived|flew)\b[^.!?]{0,20}?\b(in|from|at|to|on)\b/i;

/** "flew back from Sydney", "I'm from Leeds", "flying to Spain": not where they are now ("I'm back in Leeds" is). */
const ORIGIN =
  /\b(?:(?:from|flew|flown|flying|going|heading|originally)\s+(?:\w+\s+)?|back\s+from\s+(?:the\s+)?)$/i;
/** A trip or a past home ("flew back from", "on holiday ... from", "originally from"): never where they are. */
const TRAVELLED =
  /\b(fl(?:ew|own|ight|ying)|going|heading|back|return\w*|came|landed|arrived|trip|holiday|vacation|travel\w*|drove|journey|visit\w*|originally)\b[^.!?]*$/i;

const GREETING = "(?:hi|hello|hey|hiya|g'?day|greetings|howdy)";
/** The start of the message or of a sentence, with a greeting ("Hi,", "hello from"). */
const START = String.raw`(?:^|[.!?\n]\s*)(?:${GREETING}\b[\s,!.:-]*)?`;
/** After a place said on its own: "here", a comma, a dash, a full stop, brackets or the end. */
const ALONE_END = String.raw`(?=\s*(?:here\b|[,.;:!?()…]|\s[-–—]|$))`;
/** "visiting family in", "I'm staying with my sister in", "at my mum's in", "back home in". */
const PRESENT_TRIP = String.raw`(?:${START}|\b(?:i'?m|im|i am|we'?re|we are|currently|right now)\s+)(?:(?:visiting|staying|holidaying|on holiday|on vacation|on a trip|travell?ing|at my [a-z]+'?s|back home|home)\b(?:\s+[a-z']+){0,3}?\s+)`;
/** "In Spain last year I...": a time in the past, not where they are now. */
const NOT_PAST = String.raw`(?![^.!?]{0,20}\b(?:last (?:year|month|week|summer|winter|spring|autumn)|years? ago|months? ago|weeks? ago)\b)`;
/** "hurt it on holiday, in Spain": a trip, not where they are now. */
const ON_A_TRIP = /\b(holiday|trip|vacation|visit\w*|when i was)\b[^.!?]*$/i;
/** "A&E" is UK-only wording ("should I go to A&E?"); "vitamin A & E" is not. */
const UK_WORDING =
  /\b(?:to|at|in|from|the|an|local|nearest)\s+a\s?&\s?e\b|\ba\s?&\s?e\s+(?:department|dept)\b/i;

interface Found {
  at: number;
  length: number;
  code: string;
  /** 0 "I'm in ...", 1 a place said another way, 2 UK-only words, 3 "I'm from ..." (a home). */
  rank: number;
}

export interface ReadRegionOptions {
  /**
   * The open question asks about a trip ("a long trip..."): "Spain." or "in Spain" then answers
   * it and does not say where they are. Only "I'm in ..." and UK-only words count.
   */
  answersTrip?: boolean;
}

export function readRegion(text: string, options: ReadRegionOptions = {}): string | null {
  const found: Found[] = [];
  const keep = (at: number, name: string, code: string, rank: number) => {
    if (code === 'US' && !countsAsUs(text, name)) return;
    const before = clauseBefore(text, at);
    // "just back from holiday in Spain": where they were.
    if (rank < 3 && CAME_BACK.test(before)) return;
    const after = text.slice(at + name.length);
    const now = rank <= 1 && (NOW_BEFORE.test(before) || NOW_AFTER.test(after));
    found.push({ at, length: name.length, code: qualified(after, code), rank: now ? -1 : rank });
  };

  const where = SAYS_WHERE.exec(text);
  if (where) {
    // Every place named in the rest of the message; where the person is beats where they came from.
    const rest = text.slice(where.index, where.index + where[0].length + 80);
    for (const [pattern, code] of EVERY_PLACE) {
      for (const m of rest.matchAll(pattern)) {
        const at = where.index + m.index;
        const before = text.slice(0, at);
        if (!ORIGIN.test(before)) keep(at, m[0], code, 0);
        else if (FUTURE_TRIP_FROM.test(clauseBefore(text, at)) && FUTURE.test(text.slice(at)))
          keep(at, m[0], code, 1);
        else if (!TRAVELLED.test(before)) keep(at, m[0], code, 3);
      }
    }
  }

  // Most messages name no place at all: one pass over every name first, before the 30-odd forms.
  if (!options.answersTrip && ANY_PLACE_OR_DEMONYM.test(text)) {
    readOtherWays(text, keep);
    readBrackets(text, keep);
    readInPassing(text, keep);
  }

  const wording = UK_WORDING.exec(text);
  if (wording) keep(wording.index, wording[0], 'UK', 2);
  const number = NUMBER_SAID.exec(text);
  if (number) {
    const said = number[1]!.toLowerCase();
    const code = NUMBER_REGION[said] ?? (/nine|9/.test(said) ? 'UK' : 'AU');
    found.push({ at: number.index, length: number[0].length, code, rank: 2 });
  }

  // The strongest way of saying it, then the first place, then the longest name ("Perth, Scotland").
  found.sort((a, b) => a.rank - b.rank || a.at - b.at || b.length - a.length);
  const best = found[0];
  if (!best) return null;
  // Only said in passing: that place's number "(or your local emergency number)".
  if (best.rank === IN_PASSING_RANK && best.code !== ELSEWHERE) return `${TENTATIVE}${best.code}`;
  return best.code;
}

/** The rank of a place said only in passing ("pregnant in glasgow"): below every other way. */
const IN_PASSING_RANK = 4;
/** A region code with this prefix is a likely guess (compose-assessment's regionOf reads it). */
export const TENTATIVE = '~';

/** The sentence or clause before `at`: what says how the place is meant ("back from", "but I'm in"). */
function clauseBefore(text: string, at: number): string {
  const before = text.slice(0, at);
  const start = Math.max(
    before.lastIndexOf('.'),
    before.lastIndexOf('!'),
    before.lastIndexOf('?'),
    before.lastIndexOf(';'),
    before.lastIndexOf('\n'),
  );
  return before.slice(start + 1);
}

/** "Birmingham, AL" is in the US, "Newcastle NSW" in Australia: the state after a city decides. */
function qualified(after: string, code: string): string {
  if (AU_STATE_CODE.test(after)) {
    // "Perth, WA" is Western Australia; "Seattle, WA" is Washington.
    const m = AU_STATE_CODE.exec(after)!;
    const state = m[1] ?? m[2]!;
    if (code === 'AU' || state !== 'WA') return 'AU';
  }
  if (US_STATE_CODE.test(after)) return 'US';
  if (CA_PROVINCE_CODE.test(after)) return 'CA';
  for (const [re, qualifier] of QUALIFIER) {
    const m = re.exec(after);
    if (m && (qualifier !== 'US' || countsAsUs(after, m[1]!))) return qualifier;
  }
  return code;
}

type Keep = (at: number, name: string, code: string, rank: number) => void;

/** A PLACES pattern without its outer \b( ... )\b, to build on. */
function bare(pattern: RegExp): string {
  return pattern.source.replace(/^\\b\(/, '(?:').replace(/\)\\b$/, ')');
}

interface Form {
  re: RegExp;
  code: string;
  /** A first name or a two-country city (NOT_ON_ITS_OWN) counts here: the word before makes it a place. */
  names: boolean;
  /** "..., in Spain" at the end: not after "on holiday" or "on a trip". */
  end: boolean;
}

/** "in Leeds, ...", "here in Cardiff", "hi from Limerick", "..., in Australia", "Cardiff here", "Mumbai.". */
const OTHER_WAYS: Form[] = [
  ...PLACES.flatMap(([pattern, code]) => {
    const place = bare(pattern);
    return [
      { re: `${START}(?:here\\s+)?in\\s+(?:the\\s+)?(${place})\\b${NOT_PAST}`, names: true, end: false },
      { re: `(?:^|[.!?\\n]\\s*)${GREETING}[\\s,!]*from\\s+(${place})\\b`, names: false, end: false },
      // "from Aus, calf swollen", "from NI -": an opening that says where the person is from.
      { re: `(?:^|[.!?\\n]\\s*)from\\s+(${place})(?=\\s*(?:[,.!:-]|here\\b))`, names: true, end: false },
      {
        re: `(?:,|^|[.!?]\\s*)\\s*(?:here\\s+)?in\\s+(?:the\\s+)?(${place})\\s*[.!?…]*\\s*$`,
        names: true,
        end: true,
      },
      // On its own at the start: never a first name or a city in two countries.
      { re: `${START}(${place})${ALONE_END}${NOT_PAST}`, names: false, end: false },
      // "what number do I call for an ambulance in South Africa?": asking for that place's number.
      {
        re: `\\b(?:number|ambulance|emergency|999|911|000|112)\\b[^.!?]{0,30}?\\bin\\s+(?:the\\s+)?(${place})\\b`,
        names: true,
        end: false,
      },
      // "I drove back to Dublin", "got home to Leeds": where they arrived ("flying back to Dublin
      // tomorrow" is a trip to come).
      {
        re: `\\b(?:drove|flew|got|came|went|headed|travelled|traveled)\\s+(?:back\\s+|home\\s+)+to\\s+(${place})\\b(?![^.!?;]{0,30}\\b(?:tomorrow|next|soon|later)\\b)`,
        names: true,
        end: false,
      },
      // "uk based", "London-based".
      { re: `\\b(${place})[\\s-]based\\b`, names: false, end: false },
      // "visiting family in London", "staying with my sister in Cork", "at my mum's in Auckland",
      // "I'm on holiday in Portugal", "back home in Perth": where they are now. Only at the start
      // of a sentence or after "I'm" or "currently" ("hurt it on holiday in Spain" is not now).
      { re: `${PRESENT_TRIP}in\\s+(?:the\\s+)?(${place})\\b${NOT_PAST}`, names: true, end: false },
    ].map((f) => ({ ...f, re: new RegExp(f.re, 'gi'), code }));
  }),
  // "Aussie here", "Scottish lass here", "I'm a Kiwi here".
  ...DEMONYMS.map(([pattern, code]) => ({
    re: new RegExp(
      `${START}(?:(?:i'?m|im|i am)\\s+(?:an?\\s+)?)?(${bare(pattern)})(?=(?:\\s+[a-z]+)?\\s+here\\b)`,
      'gi',
    ),
    code,
    names: true,
    end: false,
  })),
];

/** "36 weeks pregnant in glasgow": a place said in passing. Likely where they are, not certain. */
const IN_PASSING: Form[] = PLACES.map(([pattern, code]) => ({
  re: new RegExp(String.raw`\bin\s+(?:the\s+)?(${bare(pattern)})\b${NOT_PAST}`, 'gi'),
  code,
  names: true,
  end: false,
}));
/** "when I was in Spain", "went to a wedding in Rome": a place they were, not are. */
const WAS_THERE =
  /\b(?:was|were|went|been|used to|last|ago|holiday|trip|vacation|visit\w*|back from)\b[^.!?;]*$/i;

function readInPassing(text: string, keep: Keep): void {
  for (const form of IN_PASSING) {
    for (const m of text.matchAll(form.re)) {
      const name = m[1]!;
      const at = m.index + m[0].lastIndexOf(name);
      if (WAS_THERE.test(clauseBefore(text, at))) continue;
      keep(at, name, form.code, IN_PASSING_RANK);
    }
  }
}

function readOtherWays(text: string, keep: Keep): void {
  for (const form of OTHER_WAYS) {
    for (const m of text.matchAll(form.re)) {
      const name = m[1]!;
      const at = m.index + m[0].lastIndexOf(name);
      if (!form.names && NOT_ON_ITS_OWN.test(name)) continue;
      if (form.end && ON_A_TRIP.test(text.slice(0, at))) continue;
      keep(at, name, form.code, 1);
    }
  }
}

const WHOLE_PLACE: Array<[RegExp, string]> = PLACES.map(([re, code]) => [
  new RegExp(`^${re.source}$`, 'i'),
  code,
]);

/** "(Leeds, UK)": brackets that hold only places. */
function readBrackets(text: string, keep: Keep): void {
  for (const m of text.matchAll(/\(([^()]{1,60})\)/g)) {
    const parts = m[1]!.split(/\s*[,/]\s*/).map((p) => p.trim());
    const codes = parts.map((p) => WHOLE_PLACE.find(([re]) => re.test(p))?.[1]);
    if (codes.some((c) => c === undefined)) continue;
    parts.forEach((p, i) => {
      if (!NOT_ON_ITS_OWN.test(p)) keep(m.index + m[0].indexOf(p), p, codes[i]!, 1);
    });
  }
}

/**
 * "US" is the country only in capitals ("I'm in the US"), never the word "us" ("help us"); in a
 * message typed all in capitals ("HELP US") only after "the" ("IN THE US").
 */
function countsAsUs(text: string, name: string): boolean {
  if (name.toLowerCase() !== 'us') return true;
  if (name !== 'US') return false;
  return /[a-z]/.test(text) || /\bTHE\s+US\b/.test(text);
}
