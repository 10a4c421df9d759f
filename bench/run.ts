/**
 * `npm run bench [-- --quick] [-- --only=step,startup,stores,memory,slack,discord] [-- --docs]`:
 * measures calfbot on this machine, prints a table and writes the same figures to
 * bench/results/latest.json (a --quick or --only run to latest.tmp.json); --docs also puts them
 * in docs/benchmarks.md, between its `bench:figures` markers.
 * Benchmarks are not tests: nothing here passes or fails a build; misses are reported.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKnowledge } from '../src/knowledge/load.js';
import { benchConverse } from './converse.js';
import { benchDiscord } from './discord.js';
import { benchDiscordHttp } from './discord-http.js';
import { benchLive } from './live.js';
import { machine } from './machine.js';
import { benchMemory } from './memory.js';
import { RESULTS_DIR } from './paths.js';
import { overBare, writeDocs } from './report.js';
import { benchSlack, SLACK_CONNECTIONS } from './slack.js';
import { benchStartup } from './startup.js';
import { benchStep } from './step.js';
import { benchStores } from './stores.js';
import { type Row, renderTable } from './table.js';
import { TARGETS } from './targets.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** Also rewrite the figures block of docs/benchmarks.md. */
const docs = args.includes('--docs');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const want = (name: string) => !only || only.includes(name);
const say = (s: string) => process.stderr.write(`${s}\n`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
/** The app's CPU (cores busy, CPU ms per event handled) and the load generator's, for saturation. */
const cpuPerEvent = (r: { appCores: number | null; perSec: number; driverCores: number }) =>
  `${r.appCores === null ? '? cores' : `${r.appCores.toFixed(2)} cores, ${((1000 * r.appCores) / r.perSec).toFixed(2)} ms CPU/event`}; driver ${r.driverCores.toFixed(2)} cores`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

if (args.includes('--docs-only')) {
  // Put the figures of the last full run (bench/results/latest.json) into the docs, measuring nothing.
  const last = JSON.parse(readFileSync(path.join(RESULTS_DIR, 'latest.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  writeDocs(last, last.rows as Row[]);
  process.exit(0);
}

const started = Date.now();
const knowledge = loadKnowledge();
const rows: Row[] = [];
const results: Record<string, unknown> = {
  quick,
  machine: machine(),
  startedAt: new Date(started).toISOString(),
  loadAverageAtStart: os.loadavg(),
};

if (want('step')) {
  say('bench: pure conversation step …');
  const f = benchStep(knowledge, { durationMs: quick ? 1500 : 5000 });
  results.step = f;
  rows.push({
    group: 'step',
    name: `turn (all vignettes, buttons + words; knowledge: ${knowledge.causes.size} causes, ${knowledge.findings.size} findings, ${knowledge.redFlags.length} red-flag rules)`,
    ...f.turns,
    rate: f.turns.perSec,
    value: `${f.turns.cpuMs.toFixed(3)} ms CPU/turn`,
    target: `p99 < ${TARGETS.stepP99Ms} ms`,
    ok: f.turns.p99 < TARGETS.stepP99Ms,
  });
  for (const [mode, s] of Object.entries(f.turns.byMode))
    rows.push({ group: 'step', name: `turn, ${mode}`, ...s, rate: 1000 / s.mean });
  rows.push({
    group: 'step',
    name: 'understand one message',
    ...f.understanding,
    rate: f.understanding.perSec,
    value: `${f.understanding.cpuMs.toFixed(3)} ms CPU/message`,
  });
}

if (want('converse')) {
  say('bench: calfbot converse, CPU a turn from outside …');
  const f = await benchConverse({ durationMs: quick ? 3000 : 8000 });
  results.converse = f;
  rows.push({
    group: 'converse',
    name: `turn (dev buttons + words, natural openings; ${f.turns} turns)`,
    value: `${f.cpuMsPerTurn.toFixed(3)} ms process CPU/turn, ${f.sysMsPerTurn.toFixed(3)} of it system; wall ${f.wallMsPerTurn.toFixed(2)} ms/turn (${(f.cpuMsPerTurn / TARGETS.converseCpuMs).toFixed(2)} × target)`,
    target: `≤ ${TARGETS.converseCpuMs} ms CPU`,
    ok: f.cpuMsPerTurn <= TARGETS.converseCpuMs,
  });
}

if (want('startup')) {
  say('bench: start-up …');
  const f = await benchStartup({ runs: quick ? 3 : 6 });
  results.startup = f;
  for (const [store, s] of Object.entries(f.firstReply)) {
    rows.push({
      group: 'start-up',
      name: `spawn → first reply (${store})`,
      p50: s.p50,
      value: `max ${s.max.toFixed(0)} ms`,
      target: `< ${TARGETS.startupMs} ms`,
      ok: s.p50 < TARGETS.startupMs,
    });
  }
  rows.push({
    group: 'start-up',
    name: 'process start → knowledge ready',
    value: `${f.inProcess.readyMs.toFixed(0)} ms`,
  });
  rows.push({
    group: 'start-up',
    name: 'loadKnowledge() (cold / warm)',
    value: `${f.inProcess.loadKnowledgeMs.toFixed(0)} / ${f.inProcess.loadKnowledgeWarmMs.toFixed(0)} ms`,
  });
  rows.push({
    group: 'start-up',
    name: 'import dist/src/cli.js',
    value: `${f.inProcess.importCliMs.toFixed(0)} ms`,
  });
  rows.push({ group: 'start-up', name: 'bare node -e 0', p50: f.bareNode.p50 });
}

if (want('stores')) {
  say('bench: stores …');
  const f = await benchStores(knowledge, { durationMs: quick ? 1500 : 4000 });
  results.stores = f;
  for (const r of f.runs) {
    rows.push({
      group: 'store',
      name: `${r.store}, ${r.processes} process${r.processes > 1 ? 'es' : ''}, ${r.concurrency} at once`,
      p50: r.p50,
      p99: r.p99,
      rate: r.perSec,
    });
  }
  for (const s of f.skipped) rows.push({ group: 'store', name: 'skipped', value: s });
}

if (want('memory')) {
  say('bench: memory …');
  const f = await benchMemory(knowledge, { quick });
  results.memory = f;
  for (const [store, b] of Object.entries(f.bytes)) {
    if (!b) continue;
    const worst = Math.max(b.mid, b.assessed);
    rows.push({
      group: 'memory',
      name: `bytes per conversation, ${store} (mid / assessed)`,
      value: `${kb(b.mid)} / ${kb(b.assessed)}`,
      target: `< ${TARGETS.bytesPerConversation / 1024} KB`,
      ok: worst < TARGETS.bytesPerConversation,
    });
  }
  if (f.rss) {
    rows.push({ group: 'memory', name: 'RSS, bot loaded, no conversations', value: mb(f.rss.baseline) });
    for (const p of f.rss.points)
      rows.push({
        group: 'memory',
        name: `RSS with ${p.conversations.toLocaleString('en')} live conversations`,
        value: `${mb(p.rss)} (heap and buffers ${mb(p.heapUsed)})`,
      });
  }
}

if (want('live')) {
  say('bench: cost per turn with many live conversations …');
  const f = await benchLive({ rounds: quick ? 1 : 3, ms: quick ? 1500 : 3000 });
  results.live = f;
  const one = f[0]!.cpuMsPerTurn;
  for (const p of f) {
    const ratio = p.cpuMsPerTurn / one;
    const last = p === f.at(-1);
    rows.push({
      group: 'live',
      name: `turn with ${p.count.toLocaleString('en')} live conversation${p.count === 1 ? '' : 's'} (memory store)`,
      value: `${p.cpuMsPerTurn.toFixed(3)} ms CPU/turn, ${ratio.toFixed(2)} × at 1 (rounds ${p.rounds.map((x) => x.toFixed(3)).join(', ')}); heap ${mb(p.heapUsed)}`,
      ...(last ? { target: `≤ ${1 + TARGETS.liveGrowth} × at 1`, ok: ratio <= 1 + TARGETS.liveGrowth } : {}),
    });
  }
}

if (want('slack')) {
  say('bench: Slack HTTP path …');
  const f = await benchSlack({ durationMs: quick ? 1500 : 4000, warmupMs: quick ? 500 : 1000 });
  results.slack = f;
  const label = { calfbot: 'calfbot', bare: 'bare Bolt', bare2: 'bare Bolt, 2 posts' } as const;
  for (const r of f.runs) {
    const base = `${label[r.app]}, ${r.connections} conn${r.offeredPerSec ? `, steady ${r.offeredPerSec}/s` : ''}`;
    const ackTarget = r.app === 'calfbot' && r.connections === 200;
    rows.push({
      group: 'slack',
      name: `${base}: event → ack`,
      p50: r.ack.p50,
      p99: r.ack.p99,
      rate: r.perSec,
      value: `app ${cpuPerEvent(r)}${r.errors ? `, ${r.errors} errors` : ''}`,
      ...(ackTarget ? { target: `p99 < ${TARGETS.ackP99Ms} ms`, ok: r.ack.p99 < TARGETS.ackP99Ms } : {}),
    });
    rows.push({
      group: 'slack',
      name: `${base}: event → chat.postMessage`,
      p50: r.post.p50,
      p99: r.post.p99,
      value: `${r.postsPerEvent.toFixed(2)} posts/event`,
    });
  }
  for (const c of SLACK_CONNECTIONS) {
    const of = (app: string) => f.runs.find((r) => r.app === app && r.connections === c && !r.offeredPerSec);
    rows.push(
      overBare('slack', `CPU/event calfbot − bare Bolt, ${c} conn`, of('calfbot'), of('bare'), of('bare2'))
        .row,
    );
  }
  for (const [c, ratio] of Object.entries(f.ratio)) {
    const two = f.ratioTwoPosts[c];
    rows.push({
      group: 'slack',
      name: `events/s calfbot ÷ bare Bolt, ${c} conn`,
      value: `${ratio.toFixed(2)} (÷ 2-post bare: ${two?.toFixed(2) ?? '?'})`,
      target: `≥ ${TARGETS.baselineRatio}`,
      ok: ratio >= TARGETS.baselineRatio,
    });
  }
}

if (want('discord')) {
  say('bench: Discord path …');
  const f = await benchDiscord({ durationMs: quick ? 1500 : 4000, warmupMs: quick ? 500 : 1000 });
  results.discord = f;
  for (const r of f.runs) {
    rows.push({
      group: 'discord',
      name: `${r.app === 'calfbot' ? 'calfbot' : 'bare discord.js'}, ${r.inFlight} in flight: INTERACTION_CREATE → callback`,
      p50: r.callback.p50,
      p99: r.callback.p99,
      rate: r.perSec,
      value: `app ${cpuPerEvent(r)}${r.followUpsPerInteraction ? `, ${r.followUpsPerInteraction.toFixed(2)} follow-ups each` : ''}${r.deferred ? `, ${r.deferred} deferred` : ''}${r.errors ? `, ${r.errors} errors` : ''}`,
    });
  }
  for (const c of [...new Set(f.runs.map((r) => r.inFlight))]) {
    const of = (app: string) => f.runs.find((r) => r.app === app && r.inFlight === c);
    rows.push(
      overBare('discord', `CPU/event calfbot − bare discord.js, ${c} in flight`, of('calfbot'), of('bare'))
        .row,
    );
  }
  // The HTTP interactions path (DISCORD_PUBLIC_KEY), beside the gateway path above.
  const http = await benchDiscordHttp({ durationMs: quick ? 1500 : 4000, warmupMs: quick ? 500 : 1000 });
  results.discordHttp = http;
  for (const r of http) {
    rows.push({
      group: 'discord',
      name: `calfbot over HTTP, ${r.inFlight} in flight: signed POST → HTTP response`,
      p50: r.callback.p50,
      p99: r.callback.p99,
      rate: r.perSec,
      value: `app ${cpuPerEvent(r)}${r.followUpsPerInteraction ? `, ${r.followUpsPerInteraction.toFixed(2)} follow-ups each` : ''}${r.deferred ? `, ${r.deferred} deferred` : ''}${r.errors ? `, ${r.errors} errors` : ''}`,
    });
  }
  for (const [c, ratio] of Object.entries(f.ratio)) {
    rows.push({
      group: 'discord',
      name: `interactions/s calfbot ÷ bare discord.js, ${c} in flight`,
      value: ratio.toFixed(2),
      target: `≥ ${TARGETS.baselineRatio}`,
      ok: ratio >= TARGETS.baselineRatio,
    });
  }
}

say(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
results.loadAverageAtEnd = os.loadavg();
results.rows = rows;
results.durationS = (Date.now() - started) / 1000;
mkdirSync(RESULTS_DIR, { recursive: true });
const file = path.join(RESULTS_DIR, quick || only ? 'latest.tmp.json' : 'latest.json');
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
if (docs) writeDocs(results, rows);
process.stdout.write(`${renderTable(rows)}\n\nfigures written to ${path.relative(process.cwd(), file)}\n`);
process.exit(0);
