/**
 * The terminal chat as a person at an 80-column terminal meets it: lines wrapped at word
 * boundaries to the width, the advice and next step at the top of an assessment, source markers
 * [n] that match the numbered list, no line said twice, help without buttons, no rate limit, and
 * an unfinished conversation offered back at the next start (or dropped when declined).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ansi, renderText } from '../adapters/terminal/render-text.js';
import { runTerminal } from '../adapters/terminal/run-terminal.js';
import { wrap, wrapBlock } from '../adapters/terminal/wrap.js';
import { copy } from '../src/conversation/copy.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { AssessmentReply } from '../src/vocabulary.js';
import { knowledge, playThrough, testBot } from './helpers/bot.js';
import { REPO } from './helpers/converse-process.js';

interface Vignette {
  id: string;
  opening: string;
  findings: Record<string, boolean>;
}
const vignettes = ['dev.json', 'natural-dev.json'].flatMap(
  (f) => JSON.parse(readFileSync(path.join(import.meta.dirname, 'vignettes', f), 'utf8')) as Vignette[],
);
const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function assessments(): Promise<Array<{ id: string; a: AssessmentReply }>> {
  const out = [];
  for (const v of vignettes) {
    const { bot } = testBot();
    const present = Object.entries(v.findings)
      .filter(([, yes]) => yes)
      .map(([f]) => f);
    out.push({ id: v.id, a: (await playThrough(bot, v.id, v.opening, present)).assessment });
  }
  return out;
}

describe('an assessment in the terminal', () => {
  it.each([80, 50, 120])(
    'at %i columns: no line too long, the advice first, markers match sources, no line twice',
    async (width) => {
      for (const { id, a } of await assessments()) {
        const lines = stripAnsi(renderText(a, ansi, { width, knowledge: knowledge() })).split('\n');
        for (const l of lines) expect(l.length, `${id}: "${l}"`).toBeLessThanOrEqual(width);
        const top = lines.slice(0, 6).join(' ');
        expect(top, id).toContain(a.headline);
        // The next step starts within the first 6 lines.
        expect(top.replace(/\s+/g, ' '), id).toContain(a.nextSteps[0]!.split(' ').slice(0, 8).join(' '));

        const sourcesAt = lines.indexOf('Sources:');
        const body = lines.slice(0, sourcesAt).join(' ');
        const listed = lines.slice(sourcesAt + 1).filter((l) => /^\[\d+\] /.test(l));
        expect(listed.length, id).toBe(a.sources.length);
        const used = new Set([...body.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
        for (const n of used)
          expect(n, `${id}: marker [${n}] has no source`).toBeLessThanOrEqual(a.sources.length);
        for (let n = 1; n <= a.sources.length; n++)
          expect(used, `${id}: source [${n}] is never cited`).toContain(n);

        // Each item (a line and the indented lines that continue it) is said once.
        const items = lines.reduce<string[]>((acc, l) => {
          if (l.trim() === '') return acc;
          if (/^\s/.test(l) && acc.length > 0) acc[acc.length - 1] += ` ${l.trim()}`;
          else acc.push(l);
          return acc;
        }, []);
        const bodyItems = items.filter((i) => !/^\[\d+\] /.test(i));
        expect(new Set(bodyItems).size, `${id} says something twice`).toBe(bodyItems.length);
      }
    },
  );

  it('says a watch-for line once when it repeats a next step', async () => {
    const { a } = (await assessments())[0]!;
    const repeated: AssessmentReply = { ...a!, watchFor: [a!.nextSteps[0]!, ...a!.watchFor] };
    const out = renderText(repeated, undefined, { width: 80, knowledge: knowledge() }).replace(/\s+/g, ' ');
    expect(out.split(a!.nextSteps[0]!).length - 1).toBe(1);
  });

  it('lines up a wrapped bullet under its own text', () => {
    const text = wrapBlock(
      'Foods:\n- Pumpkin seeds, roasted: 1 ounce (28 g) which is quite a lot of magnesium',
      40,
    );
    expect(text).toEqual([
      'Foods:',
      '- Pumpkin seeds, roasted: 1 ounce (28 g)',
      '  which is quite a lot of magnesium',
    ]);
  });

  it('wraps at word boundaries and cuts only words longer than a line', () => {
    const text = 'a calf that aches after a long flight needs checking https://example.org/'.concat(
      'x'.repeat(90),
    );
    const lines = wrap(text, 30, '- ');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
    expect(lines[0]).toBe('- a calf that aches after a');
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('long flight needs checking');
  });
});

function terminal(store: MemoryStore, input: string, user = 'tester') {
  const { bot } = testBot({ store });
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  stdin.end(input);
  return runTerminal({ bot, input: stdin, output: stdout, width: 80, user }).then(() => out);
}

describe('the terminal chat', () => {
  it('help speaks of typing, not buttons, and is wrapped', async () => {
    const out = await terminal(new MemoryStore(), 'help\nquit\n');
    expect(out).not.toMatch(/button/i);
    expect(out).toMatch(/numbers that apply/);
    for (const l of out.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    expect(copy.help).toMatch(/button/); // the platforms' help still has them
  });

  it('keeps every line of a whole conversation, follow-ups included, within 80 columns', async () => {
    const turns = [
      'my calves cramp at night',
      'none',
      ...Array(8).fill('no'),
      'what foods have magnesium?',
      'tell me more about B12',
      'why',
    ];
    const out = await terminal(new MemoryStore(), `${turns.join('\n')}\nquit\n`);
    expect(out).toMatch(/Sources:/);
    for (const l of out.split('\n')) expect(l.length, l).toBeLessThanOrEqual(80);
  });

  it('offers an unfinished conversation back, and shows the waiting question again', async () => {
    const store = new MemoryStore();
    const first = await terminal(store, 'my calves hurt\nquit\n');
    const question = first.split('\n').find((l) => l.endsWith('?') && !l.startsWith('you>'));
    expect(question).toBeDefined();
    const second = await terminal(store, 'yes\nquit\n');
    expect(second).toMatch(/Carry on where we left off\?/);
    expect(second.split('Carry on where we left off?')[1]).toContain(question!);
  });

  it('drops the previous conversation when declined, and keeps no finished one', async () => {
    const store = new MemoryStore();
    await terminal(store, 'my calves hurt\nquit\n');
    const declined = await terminal(store, 'no\nquit\n');
    expect(declined).toMatch(/that one is deleted/);
    expect(await store.get('terminal:tester')).toBeNull();
    await terminal(store, 'sudden chest pain and I am breathless\nquit\n'); // answered at once
    const after = await terminal(store, 'quit\n');
    expect(after).not.toMatch(/Carry on/);
    expect(await store.get('terminal:tester')).toBeNull();
  });
});

describe('calfbot start in the terminal', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-term-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has no rate limit: typing fast never gets "slow down"', () => {
    const lines = Array.from({ length: 6 }, () => 'my calves hurt').join('\n');
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin/calfbot.js'), 'start'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', STORE_URL: 'memory:', RATE_LIMIT_PER_MINUTE: '1' },
      input: `${lines}\nquit\n`,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain(copy.ratedLimited.slice(0, 30));
    expect(r.stdout.match(/you> /g)?.length).toBeGreaterThanOrEqual(6);
  });
});
