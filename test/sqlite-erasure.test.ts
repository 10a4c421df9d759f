/**
 * Deleted means unreadable on SQLite: the raw bytes of the database file, its WAL and shared
 * memory file hold no finding, user id, conversation key or event id of a conversation after
 * `forget`, nor after it expired and was swept; a late click on it stores nothing; and the
 * folder and files calfbot creates are its owner's alone (0700 / 0600).
 */

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot } from '../src/bot.js';
import type { ConversationState } from '../src/conversation/types.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { Sweeper } from '../src/store/sweeper.js';
import { knowledge, lastQuestion } from './helpers/bot.js';

const HOUR = 3_600_000;

describe('SQLite: what is deleted cannot be read back from the file', () => {
  let dir: string;
  let path: string;
  let store: SqliteStore;
  let bot: Bot;
  let t: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'calfbot-erase-'));
    path = join(dir, 'nested', 'data', 'calfbot.db');
    t = Date.now();
    store = new SqliteStore(path, { now: () => t });
    bot = new Bot({ knowledge: knowledge(), store, now: () => t, region: 'US' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const raw = () =>
    ['', '-wal', '-shm']
      .map((suffix) => {
        try {
          return readFileSync(path + suffix).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('');

  /** A conversation with findings, several events, and an open question. */
  async function converse(key: string, user: string, text: string) {
    const q = lastQuestion(
      (await bot.handle(key, { kind: 'text', text }, { user, eventId: `${user}-ev-1` })).replies,
    );
    (await bot.handle(key, { kind: 'command', command: 'why' }, { user, eventId: `${user}-ev-2` })).replies;
    const record = (await store.get(key))!;
    const findings = Object.keys((record.state as ConversationState).findings);
    expect(findings.length).toBeGreaterThan(0);
    return { q, findings, json: JSON.stringify(record), traces: [user, key, `${user}-ev-1`, `${user}-ev-2`] };
  }

  it('creates the folder 0700 and the file and WAL 0600', async () => {
    (await bot.handle('k', { kind: 'text', text: 'my calves hurt' }, { user: 'U-mode' })).replies;
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'nested', 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
  });

  it('after forget, no finding, user id, key or event id is left in the file or its WAL', async () => {
    const gone = await converse(
      'slack:T1:D0GONE',
      'slack:T1:U0GONE',
      'my calves ache and I take statins for cholesterol',
    );
    const kept = await converse('slack:T1:D0KEPT', 'slack:T1:U0KEPT', 'my calves cramp at night');
    expect(raw()).toContain('U0GONE'); // it was there
    const own = gone.findings.filter((f) => !kept.json.includes(f));
    expect(own.length).toBeGreaterThan(0);
    const forgot = (
      await bot.handle(
        'slack:T1:D0GONE',
        { kind: 'command', command: 'forget' },
        {
          user: 'slack:T1:U0GONE',
        },
      )
    ).replies;
    expect(forgot[0]).toMatchObject({ kind: 'text', text: expect.stringMatching(/deleted/) });
    const bytes = raw();
    for (const trace of gone.traces) expect(bytes, trace).not.toContain(trace);
    for (const finding of own) expect(bytes, finding).not.toContain(finding);
    // The other person's conversation is untouched.
    expect(await store.get('slack:T1:D0KEPT')).not.toBeNull();
    // A late click on the forgotten question brings nothing back.
    (
      await bot.handle(
        'slack:T1:D0GONE',
        { kind: 'select', question: gone.q!.question, selected: [] },
        {
          user: 'slack:T1:U0GONE',
          eventId: 'late-click',
        },
      )
    ).replies;
    expect(await store.get('slack:T1:D0GONE')).toBeNull();
    expect(raw()).not.toContain('U0GONE');
  });

  it('after expiry and a sweep, nothing of the conversation is left, and a late click stores nothing', async () => {
    const old = await converse('discord:U0OLD:DM', 'discord:U0OLD', 'my left calf is swollen, red and hot');
    t += 25 * HOUR;
    expect(await new Sweeper(store).sweepOnce()).toBe(1);
    const check = () => {
      const bytes = raw();
      for (const trace of old.traces) expect(bytes, trace).not.toContain(trace);
      for (const finding of old.findings) expect(bytes, finding).not.toContain(finding);
    };
    check();
    (
      await bot.handle(
        'discord:U0OLD:DM',
        { kind: 'select', question: old.q!.question, selected: [] },
        {
          user: 'discord:U0OLD',
        },
      )
    ).replies;
    expect(await store.get('discord:U0OLD:DM')).toBeNull();
    check();
  });
});
