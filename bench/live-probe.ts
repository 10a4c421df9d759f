/**
 * Child process for the live-conversations bench: a Bot over a store already holding `count`
 * live conversations (mid-interview and assessed records, alternating, as the memory bench
 * builds them), then the CPU a turn of the development vignettes (buttons and words, with the
 * event ids and user a platform passes) played in fresh conversations, each removed when it
 * ends so the store keeps `count`. Every 5th turn also reads one of the live conversations (as
 * a returning user would), so the big store is touched, not only held.
 * `node live-probe.js <store url> <count> <ms>` prints one JSON line.
 */
import { Bot } from '../src/bot.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { silentLogger } from '../src/log.js';
import { createStore } from '../src/store/create-store.js';
import { buildTemplates } from './records.js';
import { type AnswerMode, loadVignettes, playVignette } from './vignettes.js';

const [url = 'memory:', countArg = '1', msArg = '4000'] = process.argv.slice(2);
const count = Number(countArg);
const knowledge = loadKnowledge();
const templates = await buildTemplates(knowledge);
const mixed = [...templates.mid, ...templates.assessed];
const store = await createStore(url, {
  keyPrefix: `calfbot-bench:live:${process.pid}:`,
  sweepIntervalMs: 0,
  logger: silentLogger,
});
const liveKey = (i: number) => `slack:T0BENCH:DLIVE${i}`;
for (let i = 0; i < count; i++) await store.compareAndSet(liveKey(i), 0, mixed[i % mixed.length]!);

const bot = new Bot({ knowledge, store, logger: silentLogger });
const vignettes = loadVignettes();
let n = 0;
let turns = 0;
const play = async () => {
  for (const v of vignettes) {
    for (const mode of ['buttons', 'words'] as AnswerMode[]) {
      const key = `slack:T0BENCH:DNEW${n++}`;
      const user = `slack:T0BENCH:U${n}`;
      await playVignette(v, mode, async (event, turn) => {
        turns++;
        if (turns % 5 === 0) await store.get(liveKey((turns * 7919) % count));
        return (await bot.handle(key, event, { user, eventId: `${key}:${turn}` })).replies;
      });
      await store.delete(key);
    }
  }
};
const warmEnd = Date.now() + 1000;
while (Date.now() < warmEnd) await play();
turns = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const end = Date.now() + Number(msArg);
while (Date.now() < end) await play();
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - t0;
const heap = process.memoryUsage().heapUsed;
await store.close();
process.stdout.write(
  `${JSON.stringify({ count, turns, cpuMsPerTurn: (cpu.user + cpu.system) / 1000 / turns, wallMsPerTurn: wall / turns, heapUsed: heap })}\n`,
);
process.exit(0);
