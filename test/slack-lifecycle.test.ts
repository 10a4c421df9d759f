/**
 * `calfbot start` in Slack HTTP mode under signals: SIGTERM while a turn is writing to SQLite,
 * and SIGINT while a turn is still posting its replies (Slack asked it to wait), both finish the
 * turn (saved and posted), close the HTTP server and the store, and exit 0; a new process on the
 * same file continues the conversation. And start-up fails with a clear reason when Slack cannot
 * be reached.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack } from '../adapters/slack/index.js';
import { configSchema } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { type FakeSlack, startFakeSlack } from './fakes/fake-slack.js';
import { isOpenQuestion, messagesIn, textOf } from './fakes/slack-drive.js';
import { dmMessageEvent, eventEnvelope } from './fakes/slack-payloads.js';
import { postEvent } from './fakes/slack-requests.js';
import { testBot } from './helpers/bot.js';
import { PROCESS_SIGNING_SECRET, type SlackProcess, startSlackProcess } from './helpers/slack-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-slack-life-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const USER = 'U0SIGNAL';

describe('calfbot start (Slack HTTP mode) under SIGTERM and SIGINT', () => {
  let fake: FakeSlack;
  const running: SlackProcess[] = [];
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    for (const p of running) await p.stop('SIGKILL');
    await fake?.close();
  });

  const start = async (env: Record<string, string>) => {
    const p = await startSlackProcess(fake.apiUrl, env);
    running.push(p);
    return p;
  };
  const dm = (p: SlackProcess, channel: string, text: string) =>
    postEvent(
      p.eventsUrl,
      PROCESS_SIGNING_SECRET,
      eventEnvelope(fake, dmMessageEvent({ channel, user: USER, text })),
    );

  it('SIGTERM while a turn waits on the SQLite write lock: the turn is saved and posted, exit 0', async () => {
    const db = path.join(dir, 'sigterm.db');
    const channel = 'D0SIGTERM';
    const first = await start({ STORE_URL: `sqlite:${db}` });
    expect((await dm(first, channel, 'why do my calves hurt')).status).toBe(200);
    await fake.waitFor(() => messagesIn(fake.messages, channel).some(isOpenQuestion));

    // Hold the write lock so the next turn is stuck saving when SIGTERM arrives.
    const locker = new Database(db);
    locker.exec('BEGIN IMMEDIATE');
    const before = messagesIn(fake.messages, channel).length;
    expect((await dm(first, channel, 'none of these')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    // The turn is in flight: nothing of it posted yet.
    expect(messagesIn(fake.messages, channel)).toHaveLength(before);
    first.child.kill('SIGTERM');
    setTimeout(() => {
      locker.exec('COMMIT');
      locker.close();
    }, 300);
    expect(await first.exited).toBe(0);

    // The turn completed: its replies were posted before the process exited...
    const after = messagesIn(fake.messages, channel).slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(after.some(isOpenQuestion) || after.some((m) => m.blocks[0]?.type === 'header')).toBe(true);
    // ...and it shut down in order: HTTP server (Slack adapter) first, then the store.
    const events = first.logs().map((l) => l.event);
    expect(events).toContain('shutdown');
    expect(events.indexOf('slack_stopped')).toBeGreaterThan(events.indexOf('shutdown'));
    expect(first.logs().filter((l) => l.level >= 50)).toEqual([]);

    // ...and saved: the row is there, waiting on the question that was just posted.
    const reader = new Database(db, { readonly: true });
    const rows = reader.prepare('SELECT key, state FROM conversations').all() as Array<{
      key: string;
      state: string;
    }>;
    reader.close();
    const row = rows.find((r) => r.key.endsWith(channel));
    expect(row).toBeDefined();
    const state = JSON.parse(row!.state);
    expect(state.history).toHaveLength(1);

    // A new process on the same file continues from there.
    const second = await start({ STORE_URL: `sqlite:${db}` });
    const seen = messagesIn(fake.messages, channel).length;
    expect((await dm(second, channel, 'back')).status).toBe(200);
    await fake.waitFor(() => messagesIn(fake.messages, channel).length > seen);
    expect(textOf(messagesIn(fake.messages, channel)[seen]!)).toMatch(/go back one step/);
    expect(await second.stop('SIGTERM')).toBe(0);
  });

  it('SIGINT while a turn is still posting (Slack said retry after 1 s): replies delivered, exit 0', async () => {
    const channel = 'D0SIGINT';
    const p = await start({ STORE_URL: `sqlite:${path.join(dir, 'sigint.db')}` });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const calls = fake.calls.length;
    expect((await dm(p, channel, 'my calves hurt')).status).toBe(200);
    await fake.waitFor((c) => c.slice(calls).some((x) => x.status === 429));
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
    const posted = messagesIn(fake.messages, channel);
    expect(posted.length).toBe(1);
    expect(textOf(posted[0]!)).toMatch(/I help you think through sore/);
    expect(isOpenQuestion(posted[0]!)).toBe(true);
  });
});

describe('start-up when Slack cannot be reached', () => {
  it('stops with a reason that says so (not "token refused")', async () => {
    const config = configSchema.parse({
      SLACK_BOT_TOKEN: 'xoxb-unreachable',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: 'http://127.0.0.1:1/api/',
      PORT: '0',
    });
    const { bot } = testBot();
    await expect(
      startSlack({ bot, config, logger: silentLogger, retryConfig: { retries: 0 }, host: '127.0.0.1' }),
    ).rejects.toThrow(/Could not reach Slack \(SLACK_API_URL\)/);
  });
});
