/**
 * `calfbot converse` as a process, fuzzed: 10,000 generated lines (conversations, answers,
 * commands, garbage, blank lines, raw CRs inside and at the end of lines, broken UTF-8), several
 * 8 MB lines and one of 100 MB, written as fast as the pipe takes them. Exactly one output line
 * comes back per input line, in order, each one JSON; the process never crashes and its RSS stays
 * bounded (an over-long line is dropped as it is read, never held).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConverseProcess } from './helpers/converse-process.js';

/** Resident memory of a process in bytes (0 once it has exited). */
const rssOf = (pid: number): number => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};

type Expect = 'reply' | 'error' | 'empty' | 'too_long' | 'any';
interface Input {
  line: string | { bytes: number };
  expect: Expect;
}

const conversation = fc.constantFrom('c1', 'c2', 'c3', 'c4', 'constructor', '__proto__');
const text = fc.oneof(
  fc.constantFrom(
    'my calves hurt',
    'none of these',
    'no',
    'yes',
    'not sure',
    'help',
    'why',
    'back',
    'restart',
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const input: fc.Arbitrary<Input> = fc.oneof(
  fc.record({ conversation, text }).map((m) => ({ line: JSON.stringify(m), expect: 'reply' as const })),
  // CRLF endings and raw CRs between JSON tokens are whitespace: still one good line.
  fc
    .record({ conversation, text })
    .map((m) => ({ line: `${JSON.stringify(m)}\r`, expect: 'reply' as const })),
  fc
    .record({ conversation, text })
    .map((m) => ({ line: JSON.stringify(m).replace(',', ',\r'), expect: 'reply' as const })),
  // A raw CR inside a string is not JSON: one error line, not two.
  conversation.map((c) => ({
    line: `{"conversation":"${c}","text":"my\rcalves"}`,
    expect: 'error' as const,
  })),
  fc.constantFrom('', ' ', '\t', '\r', ' \r ').map((line) => ({ line, expect: 'empty' as const })),
  fc.string({ maxLength: 60 }).map((s) => ({ line: s.replace(/\n/g, ' '), expect: 'any' as const })),
  fc
    .record({ conversation, command: fc.constantFrom('restart', 'help', 'why', 'back', 'forget') })
    .map((m) => ({ line: JSON.stringify(m), expect: 'reply' as const })),
  fc
    .record({
      conversation,
      answer: fc.record({ question: fc.string({ minLength: 1, maxLength: 8 }), selected: fc.constant([]) }),
    })
    .map((m) => ({ line: JSON.stringify(m), expect: 'reply' as const })),
);

describe('calfbot converse, fuzzed', () => {
  it('10,000 lines, blank lines, CRs and 8 MB lines: one JSON line out per line in, RSS bounded', async () => {
    const lines: Input[] = fc.sample(input, { numRuns: 10_000, seed: 1616 });
    for (const at of [1_000, 4_000, 4_001, 7_000, 9_999])
      lines.splice(at, 0, { line: { bytes: 8 * 1024 * 1024 }, expect: 'too_long' });
    lines.splice(5_000, 0, { line: { bytes: 100 * 1024 * 1024 }, expect: 'too_long' });

    const p = new ConverseProcess({ LOG_LEVEL: 'error' });
    const outputs: string[] = [];
    let partial = '';
    p.child.stdout.removeAllListeners('data');
    p.child.stdout.on('data', (d) => {
      const parts = (partial + String(d)).split('\n');
      partial = parts.pop() ?? '';
      outputs.push(...parts);
    });
    // Warm up (knowledge loaded, one turn played), then take the baseline.
    p.child.stdin.write('{"conversation":"warm","text":"my calves hurt"}\n');
    while (outputs.length === 0) await new Promise((r) => setTimeout(r, 20));
    outputs.length = 0;
    const start = rssOf(p.child.pid!);
    let peak = start;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(p.child.pid!));
    }, 20);

    const write = (chunk: string | Buffer) =>
      p.child.stdin.write(chunk)
        ? Promise.resolve()
        : new Promise<void>((r) => p.child.stdin.once('drain', () => r()));
    const block = Buffer.alloc(1024 * 1024, 'a');
    for (const { line } of lines) {
      if (typeof line === 'string') await write(`${line}\n`);
      else {
        await write('{"conversation":"big","text":"');
        for (let sent = 0; sent < line.bytes; sent += block.length) await write(block);
        await write('"}\n');
      }
    }
    p.child.stdin.end();
    const code = await new Promise<number | null>((resolve) => p.child.on('exit', (c) => resolve(c)));
    clearInterval(sampler);

    expect(code).toBe(0);
    expect(partial).toBe('');
    expect(outputs).toHaveLength(lines.length);
    for (const [i, out] of outputs.entries()) {
      const parsed = JSON.parse(out);
      const want = lines[i]!.expect;
      if (want === 'reply') expect(parsed.replies, `line ${i}`).toBeDefined();
      if (want === 'error') expect(parsed.error?.code, `line ${i}`).toBe('INPUT_INVALID_JSON');
      if (want === 'empty') expect(parsed.error?.code, `line ${i}`).toBe('INPUT_INVALID_JSON');
      if (want === 'too_long') expect(parsed.error?.code, `line ${i}`).toBe('INPUT_TOO_LONG');
      expect(parsed.error?.code, `line ${i}`).not.toBe('INTERNAL');
    }
    console.log(
      `converse fuzz: RSS ${Math.round(start / 1e6)} MB at start, peak +${Math.round((peak - start) / 1e6)} MB`,
    );
    expect(peak - start).toBeLessThan(80 * 1024 * 1024);
  }, 240_000);
});
