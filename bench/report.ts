/**
 * The parts of the bench report that are more than a row: calfbot's CPU an event over the bare
 * SDK's (issue 17), and the figures block of docs/benchmarks.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { machine } from './machine.js';
import { ROOT } from './paths.js';
import { type Row, renderMarkdown } from './table.js';
import { TARGETS } from './targets.js';

/** CPU ms an event of one run (the app process's, from /proc). */
const cpuMsOf = (r: { appCores: number | null; perSec: number }): number | null =>
  r.appCores === null || r.perSec === 0 ? null : (1000 * r.appCores) / r.perSec;
/** calfbot's CPU an event minus the bare SDK's, same run, same connections: the row and its figure. */
export function overBare(
  group: string,
  name: string,
  cal: { appCores: number | null; perSec: number } | undefined,
  bare: { appCores: number | null; perSec: number } | undefined,
  bare2?: { appCores: number | null; perSec: number },
): { row: Row; overMs: number | null } {
  const c = cal && cpuMsOf(cal);
  const b = bare && cpuMsOf(bare);
  const b2 = bare2 && cpuMsOf(bare2);
  const over = c != null && b != null ? c - b : null;
  const two = c != null && b2 != null ? `; minus the 2-post bare app: ${(c - b2).toFixed(2)} ms` : '';
  return {
    overMs: over,
    row: {
      group,
      name,
      value:
        over === null
          ? '?'
          : `${over.toFixed(2)} ms (calfbot ${c!.toFixed(2)} − bare ${b!.toFixed(2)}; ${(c! / b!).toFixed(2)} × bare${two})`,
      target: `≤ ${TARGETS.overBareCpuMs} ms`,
      ok: over !== null && over <= TARGETS.overBareCpuMs,
    },
  };
}
export function writeDocs(r: Record<string, unknown>, table: Row[]): void {
  const file = path.join(ROOT, 'docs', 'benchmarks.md');
  const start = '<!-- bench:figures -->';
  const end = '<!-- /bench:figures -->';
  const doc = readFileSync(file, 'utf8');
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`bench: ${file} has no ${start} … ${end} block`);
  const m = r.machine as ReturnType<typeof machine>;
  const load = (xs: unknown) => (Array.isArray(xs) ? xs.map((x: number) => x.toFixed(1)).join(' / ') : '?');
  const block = [
    start,
    '',
    `Taken ${String(r.startedAt).slice(0, 16).replace('T', ' ')} UTC${r.quick ? ' (--quick)' : ''} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}; load average (1 / 5 / 15 min) ${load(r.loadAverageAtStart)} at the start and ${load(r.loadAverageAtEnd)} at the end; ${Math.round(Number(r.durationS))} s.`,
    '',
    renderMarkdown(table),
    '',
    end,
  ].join('\n');
  writeFileSync(file, doc.slice(0, a) + block + doc.slice(b + end.length));
}
