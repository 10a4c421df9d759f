import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..');

/** A checkout in miniature: bin/calfbot.js, a stand-in dist/src/cli.js, src/, tsconfig.json. */
function checkout(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-stale-'));
  mkdirSync(path.join(dir, 'bin'));
  mkdirSync(path.join(dir, 'dist', 'src'), { recursive: true });
  mkdirSync(path.join(dir, 'src', 'conversation'), { recursive: true });
  copyFileSync(path.join(REPO, 'bin', 'calfbot.js'), path.join(dir, 'bin', 'calfbot.js'));
  writeFileSync(
    path.join(dir, 'dist', 'src', 'cli.js'),
    "export async function main() { console.log('ran'); }\n",
  );
  writeFileSync(path.join(dir, 'tsconfig.json'), '{}\n');
  writeFileSync(path.join(dir, 'src', 'conversation', 'machine.ts'), 'export {};\n');
  writeFileSync(path.join(dir, 'dist', '.built'), 'built\n');
  return dir;
}

const run = (dir: string) =>
  spawnSync(process.execPath, [path.join(dir, 'bin', 'calfbot.js'), 'converse'], {
    encoding: 'utf8',
  });

describe('bin/calfbot.js in a checkout', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('says "run npm run build" when the code changed after the last build', () => {
    const dir = checkout();
    dirs.push(dir);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, 'dist', '.built'), old, old);
    const r = run(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/dist\/ is older than .*run `npm run build`/);
    expect(r.stdout).not.toContain('ran');
  });

  it('says so too when dist/ was built before builds left a stamp', () => {
    const dir = checkout();
    dirs.push(dir);
    rmSync(path.join(dir, 'dist', '.built'));
    expect(run(dir).stderr).toMatch(/npm run build/);
  });

  it('runs when the build is newer than the code', () => {
    const dir = checkout();
    dirs.push(dir);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, 'src', 'conversation', 'machine.ts'), old, old);
    const r = run(dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ran');
  });

  it('runs an installed copy that has no src/ at all', () => {
    const dir = checkout();
    dirs.push(dir);
    rmSync(path.join(dir, 'src'), { recursive: true });
    rmSync(path.join(dir, 'dist', '.built'));
    expect(run(dir).stdout).toContain('ran');
  });
});
