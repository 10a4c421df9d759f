/**
 * The deployment files an operator uses: where a Docker engine answers, the image is built and
 * run (non-root, `--version`); everywhere, the Dockerfile's instructions, the compose file and the
 * systemd unit are parsed and checked for what the README promises (two stages, production
 * dependencies only, non-root, node as PID 1, Redis beside calfbot, exit 2 not restarted).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EXIT } from '../src/cli/args.js';
import { REPO } from './helpers/converse-process.js';

const read = (f: string) => readFileSync(path.join(REPO, f), 'utf8');

const KNOWN = new Set(
  'FROM RUN CMD LABEL EXPOSE ENV ADD COPY ENTRYPOINT VOLUME USER WORKDIR ARG ONBUILD STOPSIGNAL HEALTHCHECK SHELL'.split(
    ' ',
  ),
);

/** Dockerfile → instructions (comments dropped, continuation lines joined). */
function instructions(text: string): { op: string; args: string }[] {
  const out: { op: string; args: string }[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    pending += (pending ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (line.endsWith('\\')) continue;
    const [op, ...rest] = pending.split(/\s+/);
    out.push({ op: op!.toUpperCase(), args: rest.join(' ') });
    pending = '';
  }
  expect(pending, 'a continuation line runs off the end').toBe('');
  return out;
}

function dockerEngine(): boolean {
  return spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

describe('Dockerfile', () => {
  const steps = instructions(read('Dockerfile'));
  const stages = steps.reduce<{ op: string; args: string }[][]>((acc, s) => {
    if (s.op === 'FROM') acc.push([]);
    acc.at(-1)?.push(s);
    return acc;
  }, []);
  const final = stages.at(-1)!;

  it('uses only Dockerfile instructions, in two stages', () => {
    for (const s of steps) expect(KNOWN, `unknown instruction ${s.op}`).toContain(s.op);
    expect(steps[0]!.op).toBe('FROM');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]![0]!.args).toMatch(/ AS build$/i);
  });

  it('builds with the tools better-sqlite3 may need, and keeps only production dependencies', () => {
    const build = stages[0]!
      .filter((s) => s.op === 'RUN')
      .map((s) => s.args)
      .join('\n');
    for (const tool of ['python3', 'make', 'g++']) expect(build).toContain(tool);
    expect(build).toMatch(/npm ci/);
    expect(build).toMatch(/npm prune --omit=dev/);
  });

  it('copies only files that exist, and the final stage only from the build', () => {
    for (const s of steps.filter((x) => x.op === 'COPY' && !x.args.startsWith('--from'))) {
      const sources = s.args
        .split(/\s+/)
        .filter((a) => !a.startsWith('--'))
        .slice(0, -1);
      for (const src of sources) expect(existsSync(path.join(REPO, src)), `COPY ${src}`).toBe(true);
    }
    for (const s of final.filter((x) => x.op === 'COPY')) expect(s.args).toMatch(/^--from=build /);
  });

  it('runs as a non-root user with node as PID 1 on bin/calfbot.js', () => {
    const user = final.filter((s) => s.op === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    const entry = JSON.parse(final.find((s) => s.op === 'ENTRYPOINT')!.args) as string[];
    expect(entry[0]).toBe('node'); // exec form: node is PID 1 and receives SIGTERM itself
    expect(existsSync(path.join(REPO, entry[1]!))).toBe(true);
    expect(JSON.parse(final.find((s) => s.op === 'CMD')!.args)).toEqual(['start']);
    expect(final.find((s) => s.op === 'ENV')!.args).toMatch(/CALFBOT_DATA_DIR=\/app\/data/);
    const health = final.find((s) => s.op === 'HEALTHCHECK')!.args;
    const probe = JSON.parse(health.slice(health.indexOf('CMD ') + 4)) as string[];
    expect(probe.slice(0, 2)).toEqual(['node', '-e']);
    expect(probe[2]).toContain('/healthz');
    expect(() => new Function(probe[2]!)).not.toThrow(); // the probe is valid JavaScript
  });

  it('builds and runs where a Docker engine answers', () => {
    if (!dockerEngine()) {
      console.log(
        'deploy.test: no Docker engine here (docker info failed); the image was not built, only parsed',
      );
      return;
    }
    const tag = `calfbot-test:${process.pid}`;
    try {
      execFileSync('docker', ['build', '-t', tag, REPO], { stdio: 'inherit', timeout: 900_000 });
      const run = (...args: string[]) =>
        execFileSync('docker', ['run', '--rm', ...args], { encoding: 'utf8', timeout: 60_000 }).trim();
      expect(run(tag, '--version')).toMatch(/^calfbot \d/);
      expect(run('--entrypoint', 'id', tag, '-u')).not.toBe('0');
      const dev = spawnSync('docker', [
        'run',
        '--rm',
        '--entrypoint',
        'node',
        tag,
        '-e',
        "require.resolve('vitest')",
      ]);
      expect(dev.status, 'a dev dependency is in the image').not.toBe(0);
    } finally {
      spawnSync('docker', ['rmi', '-f', tag], { stdio: 'ignore' });
    }
  }, 1_000_000);
});

describe('docker-compose.yml', () => {
  const compose = parseYaml(read('docker-compose.yml')) as {
    services: Record<string, Record<string, unknown>>;
  };

  it('runs calfbot from this Dockerfile on the Redis beside it', () => {
    const calfbot = compose.services.calfbot!;
    const redis = compose.services.redis!;
    expect(calfbot.build).toBe('.');
    expect(String(redis.image)).toMatch(/^redis:/);
    const env = calfbot.environment as Record<string, string>;
    expect(env.STORE_URL).toMatch(/^redis:\/\/redis:6379/);
    expect(env.HEALTH_PORT).toBe('9090');
    expect(calfbot.depends_on).toHaveProperty('redis');
    const probe = (calfbot.healthcheck as { test: string[] }).test;
    expect(probe.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(probe[3]).toContain('http://127.0.0.1:9090/readyz');
    expect(() => new Function(probe[3]!)).not.toThrow();
  });
});

describe('deploy/calfbot.service', () => {
  const unit = read('deploy/calfbot.service');
  const service = Object.fromEntries(
    unit
      .split(/^\[Service\]$/m)[1]!
      .split(/^\[/m)[0]!
      .split('\n')
      .filter((l) => /^\w+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

  it('runs bin/calfbot.js start as its own user from the calfbot folder', () => {
    expect(unit).toMatch(/^\[Unit\]$/m);
    expect(unit).toMatch(/^\[Install\]$/m);
    expect(service.ExecStart).toMatch(/node bin\/calfbot\.js start$/);
    expect(service.User).toBeDefined();
    expect(service.User).not.toBe('root');
    expect(service.WorkingDirectory).toMatch(/^\//);
  });

  it('restarts on a runtime failure, not on a configuration mistake', () => {
    expect(service.Restart).toBe('on-failure');
    expect(service.RestartPreventExitStatus).toBe(String(EXIT.USAGE));
  });
});

describe('CALFBOT_DATA_DIR', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the default SQLite file', () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin/calfbot.js'), 'converse'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', CALFBOT_DATA_DIR: 'state/calfbot', LOG_LEVEL: 'silent' },
      input: '{"conversation":"c1","text":"my calves hurt"}\n',
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(0);
    expect(existsSync(path.join(dir, 'state', 'calfbot', 'calfbot.db'))).toBe(true);
    expect(existsSync(path.join(dir, 'data'))).toBe(false);
  });
});
