/**
 * The README's JSON-lines examples, run as pasted (with `npx calfbot` pointing at this build),
 * twice in the same folder: each answers the same the second time, so a new user trying them
 * again sees what the README shows.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/converse-process.js';

const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const section = readme.split('## The JSON-lines door')[1]!.split('\n## ')[0]!;
const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function paste(script: string): string {
  const cli = `node ${JSON.stringify(path.join(REPO, 'bin/calfbot.js'))}`;
  const r = spawnSync('sh', ['-c', script.replaceAll('npx calfbot', cli)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** A reply line without the ids that differ per conversation. */
const shape = (out: string) => out.trim().replace(/"question":"[^"]+"/g, '"question":"<id>"');

describe('README: the JSON-lines door', () => {
  it('has the examples this test runs', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
  });

  it.each(blocks.map((b, i) => [i + 1, b]))('example %i answers the same when pasted again', (_n, script) => {
    const first = paste(script as string);
    const second = paste(script as string);
    expect(first.trim().split('\n')).toHaveLength(1);
    const reply = JSON.parse(first) as { replies: Array<{ kind: string }> };
    expect(reply.replies.some((r) => r.kind === 'question')).toBe(true);
    expect(shape(second)).toBe(shape(first));
  });
});
