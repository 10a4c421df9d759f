/**
 * Instructions a `calfbot converse` turn executes, counted by valgrind's callgrind (steady on a
 * loaded machine, where CPU time is not): `node dist/bench/converse-ir.js [bin/calfbot.js]
 * [warm-up rounds] [rounds]`. The process runs under callgrind; after the warm-up line and the
 * warm-up rounds (so the JIT has settled) the counters are zeroed, the measured rounds are
 * played (converse.ts's rounds: the development vignettes by buttons and in words, the natural
 * openings), the counts are dumped, and instructions per turn printed as one JSON line. Slow
 * (about 50 times native); not part of `npm run bench`. Pass another checkout's bin/calfbot.js
 * to compare two versions.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { driver } from './converse.js';
import { BIN } from './paths.js';

const [bin = BIN, warmArg = '2', roundsArg = '2'] = process.argv.slice(2);
const dir = mkdtempSync(path.join(os.tmpdir(), 'calfbot-bench-ir-'));
const out = path.join(dir, 'callgrind.out');
const child = spawn(
  'valgrind',
  ['--tool=callgrind', `--callgrind-out-file=${out}`, process.execPath, bin, 'converse'],
  {
    cwd: path.dirname(path.dirname(bin)),
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { ...process.env, CALFBOT_DATA_DIR: dir, STORE_URL: '', LOG_LEVEL: 'info' },
  },
);
const { round, warmUp } = driver(child);
await warmUp();
for (let i = 0; i < Number(warmArg); i++) await round();
execFileSync('callgrind_control', ['-z', String(child.pid)], { stdio: 'ignore' });
let turns = 0;
for (let i = 0; i < Number(roundsArg); i++) turns += await round();
execFileSync('callgrind_control', ['-d', String(child.pid)], { stdio: 'ignore' });
child.stdin!.end();
await new Promise((r) => child.once('exit', r));
// The dump taken after the zeroing is the first numbered part (callgrind.out.1).
const part =
  readdirSync(dir).find((f) => f.startsWith('callgrind.out.') && f.endsWith('.1')) ??
  readdirSync(dir).find((f) => /^callgrind\.out\.\d+\.1$|^callgrind\.out\.1$/.test(f));
if (!part) throw new Error(`converse-ir: no callgrind dump in ${dir}: ${readdirSync(dir).join(', ')}`);
const text = readFileSync(path.join(dir, part), 'utf8');
const totals = /^(?:summary|totals): (\d+)/m.exec(text);
const ir = Number(totals?.[1] ?? Number.NaN);
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ bin, turns, instructions: ir, instructionsPerTurn: ir / turns })}\n`,
);
