/**
 * `npm run bench:understanding`: measures NLP libraries against calfbot's hand-written
 * understanding (README, "Understanding: libraries measured"). The candidates that calfbot does
 * not depend on are loaded only when present: `npm i --no-save compromise wink-nlp
 * wink-eng-lite-web-model natural` first; a missing one is reported, not measured.
 * Figures: finding recall on bench/understanding-typos.json (typed vs spelt right), red
 * flags that appear from nowhere (English near-misses, negated misspellings), recall of the
 * findings stated in the natural development set's openings, ms per 1,000 openings, load time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dictionary from 'dictionary-en';
import { distance } from 'fastest-levenshtein';
import nspell from 'nspell';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Knowledge } from '../src/knowledge/schema.js';
import { extractFindings } from '../src/understanding/extract-findings.js';
import { correctWord, lexiconVocabulary, spelling } from '../src/understanding/fuzzy.js';
import { compoundNumbersAsDigits, numberWords } from '../src/understanding/number-words.js';
import { readAge } from '../src/understanding/read-age.js';
import { ROOT } from './paths.js';

type Corrector = (token: string, knowledge: Knowledge) => string;
interface Candidate {
  name: string;
  packages: string[];
  make: () => Promise<Corrector>;
}
interface Vignette {
  opening: string;
  stated?: string[];
}

const say = (s: string) => process.stdout.write(`${s}\n`);
const optional = async (name: string): Promise<any | null> => {
  try {
    return (await import(name)).default;
  } catch {
    return null;
  }
};

const knowledge = loadKnowledge();
const data = JSON.parse(readFileSync(path.join(ROOT, 'bench', 'understanding-typos.json'), 'utf8')) as {
  typos: { text: string; fixed: string; finding: string }[];
  notRedFlags: string[];
  negated: string[];
};
const evalDir = path.join(ROOT, '..', 'shared', 'eval');
const vignettes = ['vignettes.natural.dev.json', 'vignettes.dev.json']
  .map((f) => path.join(evalDir, f))
  .filter(existsSync)
  .flatMap((f) => JSON.parse(readFileSync(f, 'utf8')) as Vignette[]);
const redFlags = new Set([...knowledge.findings.values()].filter((f) => f.red_flag).map((f) => f.id));
const { words, prefixes } = lexiconVocabulary(knowledge);
const vocabulary = [...words, ...prefixes.filter((p) => p.length >= 5)];
const yesRedFlags = (text: string) =>
  [...extractFindings(text, knowledge)].filter(([f, c]) => c === 'yes' && redFlags.has(f)).map(([f]) => f);

/** Words the hand-written code leaves alone: too short, has a digit, or already known. */
const plainToken = (t: string) => t.length < 5 || /[^a-z]/.test(t) || words.includes(t);
const nearestIn = (t: string, list: string[], max: number) => {
  let best: string | null = null;
  let bestD = max + 1;
  for (const w of list) {
    const d = distance(t, w);
    if (d < bestD) [best, bestD] = [w, d];
  }
  return best;
};

const candidates: Candidate[] = [
  { name: 'hand-written TYPOS table only (before)', packages: [], make: async () => (t) => t },
  {
    name: 'fastest-levenshtein + nspell/dictionary-en gate (kept)',
    packages: ['fastest-levenshtein', 'nspell', 'dictionary-en'],
    make: async () => correctWord,
  },
  {
    name: 'fastest-levenshtein, no English gate',
    packages: ['fastest-levenshtein'],
    make: async () => (t) => (plainToken(t) ? t : (nearestIn(t, vocabulary, t.length >= 8 ? 2 : 1) ?? t)),
  },
  {
    name: 'nspell suggest (dictionary-en + lexicon words added)',
    packages: ['nspell', 'dictionary-en'],
    make: async () => {
      const sp = nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) });
      for (const w of vocabulary) sp.add(w);
      return (t) => {
        if (plainToken(t) || sp.correct(t)) return t;
        const s = sp.suggest(t).find((x) => vocabulary.includes(x.toLowerCase()));
        return s ? s.toLowerCase() : t;
      };
    },
  },
  {
    // Distance 2 takes about 1 s per unknown 8-letter word (it lists every edit of every edit).
    name: 'natural Spellcheck over lexicon words (edit distance 1)',
    packages: ['natural'],
    make: async () => {
      const natural = await optional('natural');
      if (!natural) throw new Error('natural not installed');
      const checker = new natural.Spellcheck(vocabulary);
      return (t) => (plainToken(t) ? t : ((checker.getCorrections(t, 1) as string[])[0] ?? t));
    },
  },
  {
    name: 'natural Jaro-Winkler >= 0.92 to a lexicon word',
    packages: ['natural'],
    make: async () => {
      const natural = await optional('natural');
      if (!natural) throw new Error('natural not installed');
      return (t) => {
        if (plainToken(t)) return t;
        let best = t;
        let score = 0.92;
        for (const w of vocabulary) {
          const s = natural.JaroWinklerDistance(t, w) as number;
          if (s > score) [best, score] = [w, s];
        }
        return best;
      };
    },
  },
];

function packageSize(names: string[]): string {
  if (names.length === 0) return '0';
  const seen = new Set<string>();
  const walk = (n: string) => {
    if (seen.has(n)) return;
    const dir = path.join(ROOT, 'node_modules', n);
    if (!existsSync(dir)) return;
    seen.add(n);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: object };
    for (const d of Object.keys(pkg.dependencies ?? {})) walk(d);
  };
  for (const n of names) walk(n);
  const dirs = [...seen].map((n) => path.join(ROOT, 'node_modules', n));
  const kb = dirs.length
    ? execFileSync('du', ['-skc', ...dirs], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .pop()
    : '0';
  return `${(Number.parseInt(kb ?? '0', 10) / 1024).toFixed(1)} MB, ${seen.size} pkg`;
}

const openings = vignettes.map((v) => v.opening);
/** The best of three runs (the machine is shared), each of 1,000 openings or 3 s, scaled to 1,000. */
function msPer1000Openings(): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    let n = 0;
    while (n < 1000 && performance.now() - t < 3000)
      extractFindings(openings[n++ % openings.length]!, knowledge);
    best = Math.min(best, ((performance.now() - t) * 1000) / n);
  }
  return best;
}
const baseline = new Map(openings.map((o) => [o, new Set(yesRedFlags(o))]));
say(
  '| spelling candidate | typo recall | spelt right | stated in openings | red flags from nowhere | ms / 1,000 openings | first use | install |',
);
say('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const c of candidates) {
  let correct: Corrector;
  const t0 = performance.now();
  try {
    correct = await c.make();
  } catch (e) {
    say(`| ${c.name} | not installed (${(e as Error).message}) | | | | | | |`);
    continue;
  }
  spelling.correct = correct;
  extractFindings('my calfz are swolen and I fell wierd', knowledge); // first use builds what it needs
  const firstUse = performance.now() - t0; // in this process, after the others: see the load table
  const hit = (text: string, f: string) => extractFindings(text, knowledge).get(f) === 'yes';
  const typed = data.typos.filter((x) => hit(x.text, x.finding)).length;
  const fixed = data.typos.filter((x) => hit(x.fixed, x.finding)).length;
  let stated = 0;
  let statedHit = 0;
  for (const v of vignettes) {
    const got = extractFindings(v.opening, knowledge);
    for (const f of v.stated ?? []) {
      stated++;
      if (got.has(f)) statedHit++;
    }
  }
  const fromNowhere = [
    ...data.notRedFlags.flatMap((t) => yesRedFlags(t).map((f) => `"${t}" → ${f}`)),
    ...data.negated.flatMap((t) => yesRedFlags(t).map((f) => `"${t}" → ${f}`)),
    ...openings.flatMap((o) =>
      yesRedFlags(o)
        .filter((f) => !baseline.get(o)!.has(f))
        .map((f) => `opening → ${f}`),
    ),
  ];
  const per1000 = msPer1000Openings();
  say(
    `| ${c.name} | ${typed}/${data.typos.length} | ${fixed}/${data.typos.length} | ${statedHit}/${stated} | ${fromNowhere.length}${fromNowhere.length ? `: ${fromNowhere.slice(0, 4).join('; ')}` : ''} | ${per1000.toFixed(0)} | ${firstUse.toFixed(0)} ms | ${packageSize(c.packages)} |`,
  );
  const missed = data.typos
    .filter((x) => !hit(x.text, x.finding) && hit(x.fixed, x.finding))
    .map((x) => x.text);
  if (process.argv.includes('--verbose')) say(`  missed: ${missed.join(' / ')}`);
}
spelling.correct = correctWord;

// Number words: readAge before, as kept (compromise only for compound number words), and compromise on everything.
const AGES: [string, number][] = [
  ["he's nine", 9],
  ["I'm sixty-eight", 68],
  ['seventy two year old man', 72],
  ['my mum is eighty one', 81],
  ['im fifty', 50],
  ["I'm thirty five and pregnant", 35],
  ["my son's twelve", 12],
  ["she's ninety-two", 92],
  ['forty year old runner', 40],
  ['I turned sixty last month', 60],
  ['aged seventy-six', 76],
  ['im 24', 24],
];
const ageScore = (read: (t: string) => number | null) => AGES.filter(([t, n]) => read(t) === n).length;
const nlp = await optional('compromise');
say('\n| number words (ages) | right | ms / 1,000 of these | ms / 1,000 openings |');
say('| --- | --- | --- | --- |');
const timeIt = (f: (t: string) => unknown, texts: string[]) => {
  const t = performance.now();
  for (let i = 0; i < 1000; i++) f(texts[i % texts.length]!);
  return (performance.now() - t).toFixed(0);
};
const ageTexts = AGES.map(([t]) => t);
const ageRow = (name: string, read: (t: string) => number | null) =>
  say(
    `| ${name} | ${ageScore(read)}/${AGES.length} | ${timeIt(read, ageTexts)} | ${timeIt(read, openings)} |`,
  );
numberWords.asDigits = (t) => t;
ageRow('hand-written readAge alone (before)', (t) => readAge(t));
numberWords.asDigits = compoundNumbersAsDigits;
ageRow('readAge + compromise for compound number words only (kept)', (t) => readAge(t));
if (nlp) {
  numberWords.asDigits = (t) => t;
  ageRow('compromise numbers().toNumber() on every message, then readAge', (t) => {
    const doc = nlp(t);
    doc.numbers().toNumber();
    return readAge(doc.text());
  });
  numberWords.asDigits = compoundNumbersAsDigits;
} else say('| compromise | not installed | |');

// Negation: the hand-written NegEx scope vs the libraries' negation marks, on the word that names the finding.
const NEG: [string, string, string, boolean][] = [
  ["I don't have any swelling", 'one_leg_swollen', 'swelling', true],
  ['no swelling but my calf is red', 'calf_red_warm', 'red', false],
  ['not swollen, just sore', 'one_leg_swollen', 'swollen', true],
  ["I didn't drink enough during the hike", 'after_exercise', 'hike', false],
  ["I'm not on the pill", 'clot_risk_factor', 'pill', true],
  ['never smoked', 'smoker', 'smoked', true],
  ['my calf is swollen and not red', 'one_leg_swollen', 'swollen', false],
  ['no meds apart from metformin', 'acid_reducer_or_metformin', 'metformin', false],
  ["I haven't been short of breath", 'breathless_or_chest_pain', 'breath', true],
  ['it is swollen, I am not pregnant', 'one_leg_swollen', 'swollen', false],
  ['without any numbness', 'tingling_numbness', 'numbness', true],
  ["she doesn't take statins", 'statin_use', 'statins', true],
];
const wink = await optional('wink-nlp');
const winkModel = await optional('wink-eng-lite-web-model');
const winkDoc = wink && winkModel ? wink(winkModel) : null;
say('\n| negation | right |');
say('| --- | --- |');
const negScore = (negated: (text: string, finding: string, word: string) => boolean) =>
  NEG.filter(([t, f, w, expected]) => negated(t, f, w) === expected).length;
say(
  `| hand-written negation.ts | ${negScore((t, f) => extractFindings(t, knowledge).get(f) === 'no')}/${NEG.length} |`,
);
if (winkDoc) {
  const its = winkDoc.its;
  say(
    `| wink-nlp negationFlag | ${negScore((t, _f, w) => {
      const doc = winkDoc.readDoc(t);
      const values = doc.tokens().out(its.value) as string[];
      const flags = doc.tokens().out(its.negationFlag) as boolean[];
      return flags[values.findIndex((v) => v.toLowerCase() === w)] === true;
    })}/${NEG.length} |`,
  );
}
if (nlp) {
  say(
    `| compromise #Negative before the word, same clause | ${negScore((t, _f, w) => {
      const before = t.toLowerCase().split(w)[0] ?? '';
      const clause = before.split(/,|\bbut\b|\band\b/).pop() ?? '';
      return nlp(clause).has('#Negative');
    })}/${NEG.length} |`,
  );
}

// Load cost, each in a fresh process: what a library adds before calfbot's first reply.
const LOADS: [string, string][] = [
  ['fastest-levenshtein', "await import('fastest-levenshtein')"],
  [
    'nspell + dictionary-en (built)',
    "const n = (await import('nspell')).default; const d = (await import('dictionary-en')).default; n(d)",
  ],
  ['compromise', "const nlp = (await import('compromise')).default; nlp('he is nine').numbers().toNumber()"],
  [
    'wink-nlp + wink-eng-lite-web-model',
    "const w = (await import('wink-nlp')).default; w((await import('wink-eng-lite-web-model')).default).readDoc('no')",
  ],
  ['natural', "await import('natural')"],
];
say('\n| library | load + first use, fresh process (best of 3) |');
say('| --- | --- |');
for (const [name, code] of LOADS) {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    try {
      const out = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const t = performance.now(); ${code}; console.log('ms', performance.now() - t)`,
        ],
        { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      );
      times.push(Number(/ms (\S+)/.exec(out)?.[1]));
    } catch {
      break;
    }
  }
  say(`| ${name} | ${times.length ? `${Math.min(...times).toFixed(0)} ms` : 'not installed'} |`);
}
