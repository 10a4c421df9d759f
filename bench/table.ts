/** The bench's printed table: one row per figure, grouped by measurement. */
import { round } from './stats.js';

export interface Row {
  group: string;
  name: string;
  p50?: number;
  p99?: number;
  /** Throughput, per second. */
  rate?: number;
  /** Any other figure, already formatted (bytes, ratio, ms). */
  value?: string;
  target?: string;
  ok?: boolean;
}

const fmt = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '' : String(round(x)));

export function renderTable(rows: Row[]): string {
  const head = ['measurement', 'p50 ms', 'p99 ms', 'per s', 'value', 'target', ''];
  const body = rows.map((r) => [
    `${r.group}: ${r.name}`,
    fmt(r.p50),
    fmt(r.p99),
    r.rate === undefined ? '' : String(Math.round(r.rate)),
    r.value ?? '',
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'ok' : 'MISS',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i >= 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** The same rows as a Markdown table (for docs/benchmarks.md). */
export function renderMarkdown(rows: Row[]): string {
  const out = [
    '| measurement | p50 ms | p99 ms | per s | value | target | |',
    '|---|--:|--:|--:|---|---|---|',
  ];
  for (const r of rows) {
    out.push(
      `| ${r.group}: ${r.name} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.rate === undefined ? '' : Math.round(r.rate)} | ${r.value ?? ''} | ${r.target ?? ''} | ${r.ok === undefined ? '' : r.ok ? 'ok' : '**miss**'} |`,
    );
  }
  return out.join('\n');
}
