import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..');

/** A checkout in miniature: bin/, a stand-in dist/src/cli.js, src/, built with bin/stamp-build.js. */
function checkout(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-stale-'));
  mkdirSync(path.join(dir, 'bin'));
  mkdirSync(path.join(dir, 'dist', 'src'), { recursive: true });
  mkdirSync(path.join(dir, 'src', 'conversation'), { recursive: true });
  for (const f of ['calfbot.js', 'source-hash.js', 'stamp-build.js'])
    copyFileSync(path.join(REPO, 'bin', f), path.join(dir, 'bin', f));
  writeFileSync(
    path.join(dir, 'dist', 'src', 'cli.js'),
    "export async function main() { console.log('ran'); }\n",
  );
  writeFileSync(path.join(dir, 'src', 'conversation', 'machine.ts'), 'export {};\n');
  const built = spawnSync(process.execPath, [path.join(dir, 'bin', 'stamp-build.js')]);
  expect(built.status).toBe(0);
  return dir;
}

const run = (dir: string) =>
  spawnSync(process.execPath, [path.join(dir, 'bin', 'calfbot.js'), 'converse'], {
    encoding: 'utf8',
  });

describe('bin/calfbot.js in a checkout', () => {
  const dirs: string[] = [];
  const made = () => {
    const dir = checkout();
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('runs what was just built', () => {
    const r = run(made());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ran');
  });

  it('says "run npm run build" when the code changed after the last build', () => {
    const dir = made();
    writeFileSync(path.join(dir, 'src', 'conversation', 'machine.ts'), 'export const x = 1;\n');
    const r = run(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/run `npm run build` first/);
    expect(r.stdout).not.toContain('ran');
  });

  it('says so when a new file was added, or dist/ has no record of its build', () => {
    const dir = made();
    writeFileSync(path.join(dir, 'src', 'new-part.ts'), 'export {};\n');
    expect(run(dir).stderr).toMatch(/npm run build/);
    const other = made();
    rmSync(path.join(other, 'dist', '.built'));
    expect(run(other).stderr).toMatch(/npm run build/);
  });

  it('does not mind newer file times with the same code (a copied folder)', () => {
    const dir = made();
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, 'src', 'conversation', 'machine.ts'), later, later);
    expect(run(dir).stdout).toContain('ran');
  });

  it('runs an installed copy that has no src/ at all', () => {
    const dir = made();
    rmSync(path.join(dir, 'src'), { recursive: true });
    rmSync(path.join(dir, 'dist', '.built'));
    expect(run(dir).stdout).toContain('ran');
  });
});
