/**
 * The command line a new user meets: --version, --help for every subcommand with no side effect
 * (converse --help does not wait on stdin, start --help opens no chat, nothing is written to the
 * data folder), one exit-code table (0 ok, 2 configuration or usage, 1 runtime), and an emergency
 * region with no care entry stopping start-up with one line instead of quietly using 911.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor, parseArgs } from '../src/cli/args.js';
import { CalfbotError } from '../src/errors.js';
import { REPO } from './helpers/converse-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BIN = path.join(REPO, 'bin/calfbot.js');

function run(args: string[], env: Record<string, string> = {}, input = '') {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir, // no .env here
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    input,
    timeout: 20_000,
  });
}

describe('calfbot --version and --help', () => {
  it('--version prints the package version and exits 0', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`calfbot ${pkg.version}`);
  });

  it.each([
    ['start', /calfbot start/],
    ['converse', /calfbot converse/],
    ['register-commands', /calfbot register-commands/],
  ])('%s --help prints its usage, exits 0 and starts nothing', (command, usage) => {
    const r = run([command, '--help'], { DISCORD_TOKEN: 'x.y.z', DISCORD_APPLICATION_ID: '123456' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(usage);
    expect(r.stdout).not.toMatch(/Hi, I'm calfbot/);
    expect(r.stderr).toBe('');
    expect(existsSync(path.join(dir, 'data'))).toBe(false);
  });

  it('converse --help returns while stdin stays open', async () => {
    const child = spawn(process.execPath, [BIN, 'converse', '--help'], { cwd: dir, stdio: 'pipe' });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stdin.destroy();
    expect(code).toBe(0);
    expect(out).toMatch(/STORE_URL=memory:/);
  });

  it('help lists the exit codes; an unknown command or option is a usage error (2)', () => {
    expect(run(['help']).stdout).toMatch(/0 ok, 2 configuration or usage.*1 runtime/s);
    expect(run(['bogus']).status).toBe(2);
    expect(run(['start', '--nope']).status).toBe(2);
    expect(run(['help', 'bogus']).status).toBe(2);
  });
});

describe('the exit-code table', () => {
  it('configuration and knowledge mistakes are 2, anything else 1', () => {
    expect(exitCodeFor(new CalfbotError('CONFIG_INVALID', 'x'))).toBe(EXIT.USAGE);
    expect(exitCodeFor(new CalfbotError('KNOWLEDGE_INVALID', 'x'))).toBe(EXIT.USAGE);
    expect(exitCodeFor(new CalfbotError('STORE_UNAVAILABLE', 'x'))).toBe(EXIT.RUNTIME);
    expect(exitCodeFor(new Error('boom'))).toBe(EXIT.RUNTIME);
  });

  it('parses the options each command takes', () => {
    expect(parseArgs([])).toEqual({ kind: 'run', command: 'start', args: [] });
    expect(parseArgs(['start', '--shards', '2'])).toEqual({
      kind: 'run',
      command: 'start',
      args: ['--shards', '2'],
    });
    expect(parseArgs(['--shards=auto'])).toMatchObject({ kind: 'run', command: 'start' });
    expect(parseArgs(['register-commands', '--clear-guild'])).toMatchObject({ kind: 'run' });
    expect(parseArgs(['converse', '--clear-guild']).kind).toBe('usage-error');
  });

  it('register-commands without a token exits 2 with one line naming DISCORD_TOKEN', () => {
    const r = run(['register-commands']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/DISCORD_TOKEN/);
  });
});

describe('EMERGENCY_REGION', () => {
  const emergency =
    '{"conversation":"c1","text":"sudden chest pain and I am breathless, my calf is swollen"}\n';

  it('a region with no care entry stops start-up with one line (exit 2), never a silent 911', () => {
    const r = run(['converse'], { EMERGENCY_REGION: 'XY', STORE_URL: 'memory:' }, emergency);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/EMERGENCY_REGION XY/);
  });

  it('an EU country (DE) is served by the EU entry: 112, not 911', () => {
    const r = run(
      ['converse'],
      { EMERGENCY_REGION: 'DE', STORE_URL: 'memory:', LOG_LEVEL: 'silent' },
      emergency,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Call 112 now/);
    expect(r.stdout).not.toMatch(/Call 911/);
  });
});
