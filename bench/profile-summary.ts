/**
 * Where an app's CPU went, from a V8 CPU profile: `node dist/bench/profile-summary.js
 * <file.cpuprofile> [fromSeconds toSeconds]`. Each sample is charged to the innermost frame that
 * belongs to a known part (calfbot's core, its adapters, logging, the HTTP clients, Bolt,
 * discord.js, GC, start-up); the rest is Node's own work. Shares are of the busy time (idle is
 * left out, so a whole-life profile of an app that waited between runs still reads right).
 * Take profiles with `BENCH_CPU_PROF_DIR=<dir> npm run bench -- --only=slack` (every app under
 * test writes one when it stops).
 */
import { readFileSync } from 'node:fs';

interface Frame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const IDLE = 'idle';
const PARTS: Array<[string, (f: Frame) => boolean]> = [
  [IDLE, (f) => f.functionName === '(idle)'],
  [
    'start-up (imports, knowledge load, warm-up)',
    (f) =>
      /knowledge\/load\.js|\/yaml\/|modules\/esm|modules\/cjs|bin\/calfbot\.js/.test(f.url) ||
      f.functionName === 'compileSourceTextModule',
  ],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['logging (pino)', (f) => /pino|sonic-boom|\/src\/log\.js/.test(f.url)],
  ['calfbot store', (f) => /\/dist\/src\/store\//.test(f.url)],
  ['calfbot understanding (src/understanding)', (f) => /\/dist\/src\/understanding\//.test(f.url)],
  ['calfbot triage (src/triage: scoring, next question)', (f) => /\/dist\/src\/triage\//.test(f.url)],
  ['calfbot core, the rest (machine, replies, Bot)', (f) => /\/dist\/src\//.test(f.url)],
  ['calfbot converse adapter (JSON lines, stdout)', (f) => /\/dist\/adapters\/jsonl\//.test(f.url)],
  ['calfbot Slack adapter', (f) => /\/dist\/adapters\/slack\//.test(f.url)],
  ['calfbot Discord adapter', (f) => /\/dist\/adapters\/discord\//.test(f.url)],
  [
    'HTTP client (undici; @slack/web-api)',
    (f) => /@slack\/web-api|p-queue|p-retry|retry_operation|undici/.test(f.url),
  ],
  ['discord.js, @discordjs/*, ws', (f) => /discord\.js|@discordjs|\/ws\//.test(f.url)],
  ['Bolt', (f) => /@slack\/bolt/.test(f.url)],
  ['zod', (f) => /\/zod\//.test(f.url)],
];

const STARTUP = PARTS[1]![0];
const argv = process.argv.slice(2);
/** `--top=N`: also the N functions with the most self time, and calfbot's own time by file. */
const top = Number(argv.find((a) => a.startsWith('--top='))?.slice('--top='.length) ?? 0);
/** `--steady`: leave start-up (imports, knowledge load, warm-up) out of the shares too, like idle. */
const steady = argv.includes('--steady');
/** `--keep-gaps`: charge a long gap between two samples to the second one, as V8 records it. */
const keepGaps = argv.includes('--keep-gaps');
const [file, from = '0', to = 'Infinity'] = argv.filter((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write(
    'usage: node dist/bench/profile-summary.js [--top=N] [--steady] [--keep-gaps] <file.cpuprofile> [fromSeconds toSeconds]\n',
  );
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/**
 * A gap between samples much longer than the sampling interval is time the process (or the
 * profiler's thread) was not running, on a crowded machine: V8 charges it all to whatever runs
 * when sampling resumes, so one 0.2 s wait can make a 2 µs function look like 3% of the run.
 * Each such sample is charged one interval; the rest is reported and left out, like idle.
 */
const interval = (() => {
  const d = profile.timeDeltas.filter((x) => x > 0).sort((a, b) => a - b);
  return d[Math.floor(d.length / 2)] ?? 0;
})();
const GAP = 4 * interval;

/**
 * Loading the knowledge and the one-off warm-up (src/app/warm-up.ts) are start-up, whatever they
 * call (zod, the understanding): by the innermost frame they would read as steady work.
 */
const WARM_UP = /\/dist\/src\/app\/warm-up\.js|\/dist\/src\/knowledge\/load\.js/;

const partOf = (id: number): string => {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
    if (WARM_UP.test(byId.get(cur)!.callFrame.url)) return STARTUP;
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const frame = byId.get(cur)!.callFrame;
    for (const [name, test] of PARTS) if (test(frame)) return name;
  }
  return 'Node itself (HTTP server, streams, timers, …)';
};

const spent = new Map<string, number>();
const selfTime = new Map<string, number>();
const calfbotFile = new Map<string, number>();
let total = 0;
let clock = 0;
let gaps = 0;
profile.samples.forEach((id, i) => {
  let dt = profile.timeDeltas[i] ?? 0;
  clock += dt;
  const s = clock / 1e6;
  if (s < Number(from) || s > Number(to)) return;
  const part = partOf(id);
  if (!keepGaps && dt > GAP && part !== IDLE) {
    gaps += dt - interval;
    dt = interval;
  }
  total += dt;
  spent.set(part, (spent.get(part) ?? 0) + dt);
  if (!top || part === IDLE || (steady && part === STARTUP)) return;
  const f = byId.get(id)!.callFrame;
  const where = f.url.replace(/^.*\/(dist|node_modules)\//, '$1/');
  const key = `${f.functionName || '(anonymous)'}  ${where}`;
  selfTime.set(key, (selfTime.get(key) ?? 0) + dt);
  // calfbot's own time by the file of the innermost calfbot frame on the stack.
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const u = byId.get(cur)!.callFrame.url;
    const m = /\/dist\/((?:src|adapters)\/.*)$/.exec(u);
    if (m) {
      calfbotFile.set(m[1]!, (calfbotFile.get(m[1]!) ?? 0) + dt);
      break;
    }
  }
});
const startup = steady ? (spent.get(STARTUP) ?? 0) : 0;
if (steady) spent.delete(STARTUP);
const idle = (spent.get(IDLE) ?? 0) + startup;
spent.delete(IDLE);
const busy = total - idle;
process.stdout.write(
  `${(busy / 1e6).toFixed(2)} s busy (${((idle - startup) / 1e6).toFixed(2)} s idle${steady ? `, ${(startup / 1e6).toFixed(2)} s start-up` : ''}${keepGaps ? '' : `, ${(gaps / 1e6).toFixed(2)} s in sampling gaps over ${(GAP / 1e3).toFixed(1)} ms`} left out)\n`,
);
for (const [part, us] of [...spent].sort((a, b) => b[1] - a[1])) {
  process.stdout.write(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${part}\n`);
}
if (top) {
  const list = (title: string, m: Map<string, number>) => {
    process.stdout.write(`\n${title}\n`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${k}\n`);
    }
  };
  list('self time by function', selfTime);
  list('innermost calfbot file on the stack (inclusive of what it calls outside calfbot)', calfbotFile);
}
