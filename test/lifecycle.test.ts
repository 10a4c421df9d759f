import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ConverseProcess, REPO } from './helpers/converse-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-life-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runCli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(REPO, 'bin/calfbot.js'), ...args], {
    cwd: dir, // no .env here
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    input: '',
    timeout: 20_000,
  });
}

describe('start-up configuration', () => {
  it('a malformed variable stops start-up with one line naming it and how to fix it (exit 2), no secrets', () => {
    const r = runCli(['start'], {
      SLACK_BOT_TOKEN: 'not-a-token-SECRET123',
      SLACK_SIGNING_SECRET: 'shh-SECRET456',
    });
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/SLACK_BOT_TOKEN/);
    expect(lines[0]).toMatch(/xoxb-/);
    expect(r.stderr + r.stdout).not.toMatch(/SECRET123|SECRET456/);
  });

  it('a missing companion variable is named too', () => {
    const r = runCli(['start'], { DISCORD_TOKEN: 'abc.def.SECRET789' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/DISCORD_APPLICATION_ID/);
    expect(r.stderr).not.toMatch(/SECRET789/);
  });

  it('an unknown emergency region format is refused', () => {
    const r = runCli(['converse'], { EMERGENCY_REGION: 'narnia' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/EMERGENCY_REGION/);
  });
});

describe('shutdown and restart on the same SQLite file', () => {
  it('SIGTERM during a turn finishes and saves it, then exits 0; a new process continues from there', async () => {
    const db = path.join(dir, 'sigterm.db');
    const env = { STORE_URL: `sqlite:${db}` };
    const first = new ConverseProcess(env);
    const q1 = (
      await first.send({ conversation: 'k', text: 'I started running last week and my calves are sore' })
    ).replies.at(-1);
    expect(q1.kind).toBe('question');

    // Hold the write lock so the next turn is still in flight when SIGTERM arrives.
    const locker = new Database(db);
    locker.exec('BEGIN IMMEDIATE');
    const reply = first.send({ conversation: 'k', answer: { question: q1.question, selected: [] } });
    await new Promise((r) => setTimeout(r, 300));
    first.child.kill('SIGTERM');
    setTimeout(() => {
      locker.exec('COMMIT');
      locker.close();
    }, 300);
    const answered = await reply;
    const code = await new Promise((r) => first.child.on('exit', (c) => r(c)));
    expect(code).toBe(0);
    const q2 = answered.replies.at(-1);
    expect(q2.kind).toMatch(/question|assessment/);

    // A new process on the same file continues at the saved point.
    const second = new ConverseProcess(env);
    if (q2.kind === 'question') {
      const stale = await second.send({ conversation: 'k', answer: { question: q1.question, selected: [] } });
      expect(stale.replies[0].text).toMatch(/earlier point/);
      const next = await second.send({
        conversation: 'k',
        answer:
          q2.type === 'multi'
            ? { question: q2.question, selected: [] }
            : { question: q2.question, choice: 'no' },
      });
      expect(next.replies.at(-1).kind).toMatch(/question|assessment/);
    }
    expect(await second.close()).toBe(0);
  });

  it('SIGKILL mid-conversation loses nothing that was answered', async () => {
    const db = path.join(dir, 'sigkill.db');
    const env = { STORE_URL: `sqlite:${db}` };
    const first = new ConverseProcess(env);
    const q1 = (await first.send({ conversation: 'k', text: 'my calves hurt' })).replies.at(-1);
    const q2 = (
      await first.send({ conversation: 'k', answer: { question: q1.question, selected: [] } })
    ).replies.at(-1);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.on('exit', r));

    const second = new ConverseProcess(env);
    const answer =
      q2.type === 'multi' ? { question: q2.question, selected: [] } : { question: q2.question, choice: 'no' };
    const out = await second.send({ conversation: 'k', answer });
    expect(out.replies.at(-1).kind).toMatch(/question|assessment/);
    expect(out.replies[0].text ?? '').not.toMatch(/earlier point|expired/);
    expect(await second.close()).toBe(0);
  });
});

describe('the terminal chat', () => {
  it('runs from "why do my calves hurt" to an assessment with sources when no token is set', async () => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/calfbot.js'), 'start'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', STORE_URL: 'memory:', LOG_LEVEL: 'silent' },
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    let out = '';
    let prompts = 0;
    const waiters: Array<() => void> = [];
    child.stdout.on('data', (d) => {
      out += String(d);
      prompts = out.split('you> ').length - 1;
      for (const w of waiters.splice(0)) w();
    });
    const nextPrompt = async (n: number) => {
      while (prompts < n) await new Promise<void>((r) => waiters.push(r));
    };
    await nextPrompt(1);
    const answers = ['why do my calves hurt', 'none', '1', 'none', 'none', 'none', 'none'];
    for (const [i, answer] of answers.entries()) {
      if (out.includes('Sources:')) break;
      child.stdin.write(`${answer}\n`);
      await nextPrompt(i + 2);
    }
    child.stdin.end('quit\n');
    expect(await exited).toBe(0);
    expect(out).toMatch(/Before anything else/);
    expect(out).toMatch(/1\) /);
    expect(out).toMatch(/Sources:/);
    expect(out).toMatch(/https:\/\//);
    expect(out).toMatch(/not a diagnosis/i);
  });
});
