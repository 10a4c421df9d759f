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
    'start-up (imports, knowledge load)',
    (f) =>
      /knowledge\/load\.js|\/yaml\/|modules\/esm|modules\/cjs|bin\/calfbot\.js/.test(f.url) ||
      f.functionName === 'compileSourceTextModule',
  ],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['logging (pino)', (f) => /pino|sonic-boom|\/src\/log\.js/.test(f.url)],
  ['calfbot store', (f) => /\/dist\/src\/store\//.test(f.url)],
  ['calfbot core (turn)', (f) => /\/dist\/src\//.test(f.url)],
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

const [file, from = '0', to = 'Infinity'] = process.argv.slice(2);
if (!file) {
  process.stderr.write(
    'usage: node dist/bench/profile-summary.js <file.cpuprofile> [fromSeconds toSeconds]\n',
  );
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const partOf = (id: number): string => {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const frame = byId.get(cur)!.callFrame;
    for (const [name, test] of PARTS) if (test(frame)) return name;
  }
  return 'Node itself (HTTP server, streams, timers, …)';
};

const spent = new Map<string, number>();
let total = 0;
let clock = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  clock += dt;
  const s = clock / 1e6;
  if (s < Number(from) || s > Number(to)) return;
  total += dt;
  const part = partOf(id);
  spent.set(part, (spent.get(part) ?? 0) + dt);
});
const idle = spent.get(IDLE) ?? 0;
spent.delete(IDLE);
const busy = total - idle;
process.stdout.write(`${(busy / 1e6).toFixed(2)} s busy (${(idle / 1e6).toFixed(2)} s idle left out)\n`);
for (const [part, us] of [...spent].sort((a, b) => b[1] - a[1])) {
  process.stdout.write(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${part}\n`);
}
