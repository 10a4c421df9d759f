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
import { loadKnowledge } from '../src/knowledge/load.js';
import { extractFindings } from '../src/understanding/extract-findings.js';
import { correctWord, lexiconVocabulary, spelling } from '../src/understanding/fuzzy.js';
import { compoundNumbersAsDigits, numberWords } from '../src/understanding/number-words.js';
import { readAge } from '../src/understanding/read-age.js';
import { ROOT } from './paths.js';
import type { Corrector } from './understanding-candidates.js';
import { optional, packageSize, spellingCandidates } from './understanding-candidates.js';

interface Vignette {
  opening: string;
  stated?: string[];
}

const say = (s: string) => process.stdout.write(`${s}\n`);

const knowledge = loadKnowledge();
const data = JSON.parse(readFileSync(path.join(ROOT, 'bench', 'understanding-typos.json'), 'utf8')) as {
  typos: { text: string; fixed: string; finding: string }[];
  notRedFlags: string[];
  negated: string[];
  ages: [string, number][];
  negation: [string, string, string, boolean][];
};
const evalDir = path.join(ROOT, '..', 'shared', 'eval');
const vignettes = ['vignettes.natural.dev.json', 'vignettes.dev.json']
  .map((f) => path.join(evalDir, f))
  .filter(existsSync)
  .flatMap((f) => JSON.parse(readFileSync(f, 'utf8')) as Vignette[]);
const redFlags = new Set([...knowledge.findings.values()].filter((f) => f.red_flag).map((f) => f.id));
const { words, prefixes } = lexiconVocabulary(knowledge);
const yesRedFlags = (text: string) =>
  [...extractFindings(text, knowledge)].filter(([f, c]) => c === 'yes' && redFlags.has(f)).map(([f]) => f);

const candidates = spellingCandidates(words, prefixes);

if (vignettes.length === 0)
  throw new Error(
    `bench: no vignettes in ${evalDir}: the judge's eval folder must sit beside calfbot's (../shared/eval)`,
  );
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
msPer1000Openings(); // warm up the JIT before the first row is timed
const baseline = new Map(openings.map((o) => [o, new Set(yesRedFlags(o))]));
say(
  '| spelling candidate | typo recall | spelt right | stated in openings | red flags from nowhere | ms / 1,000 openings | built in this process | install |',
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
  const wrongEvenSpeltRight = data.typos.filter((x) => !hit(x.fixed, x.finding)).map((x) => x.fixed);
  if (process.argv.includes('--verbose'))
    say(
      `  missed: ${missed.join(' / ')}${wrongEvenSpeltRight.length ? ` (missed even spelt right: ${wrongEvenSpeltRight.join(' / ')})` : ''}`,
    );
}
spelling.correct = correctWord;

// Number words: readAge before, as kept (compromise only for compound number words), and compromise on everything.
const AGES = data.ages;
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
const NEG = data.negation;
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

/** Code for a fresh process: the first pass over the openings, after knowledge is loaded. */
function coldOpenings(fuzzy: boolean): string {
  return [
    "const { loadKnowledge } = await import('./dist/src/knowledge/load.js')",
    "const { extractFindings } = await import('./dist/src/understanding/extract-findings.js')",
    "const fuzzy = await import('./dist/src/understanding/fuzzy.js')",
    fuzzy ? '' : 'fuzzy.spelling.correct = (w) => w',
    `const openings = ${JSON.stringify(openings)}`,
    'const k = loadKnowledge(); extractFindings("warm", k); t = performance.now()',
    'for (const o of openings) extractFindings(o, k)',
  ].join('; ');
}

// Load cost, each in a fresh process: what a library adds before calfbot's first reply.
const LOADS: [string, string][] = [
  ['fastest-levenshtein', "await import('fastest-levenshtein')"],
  [
    'nspell + dictionary-en, imported only (what start-up pays)',
    "await import('nspell'); await import('dictionary-en')",
  ],
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
  ['calfbot, 60 openings cold, TYPOS table only (before)', coldOpenings(false)],
  ['calfbot, 60 openings cold, fuzzy spelling (kept; builds nspell)', coldOpenings(true)],
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
          `let t = performance.now(); ${code}; console.log('ms', performance.now() - t)`,
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
