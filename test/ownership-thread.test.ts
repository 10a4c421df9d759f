/**
 * A conversation belongs to the person who started it. The attack's thread scenario, through the
 * real Slack adapter, on SQLite and (when REDIS_URL is set) on Redis: A mentions calfbot in a
 * channel; B clicks a button on A's question and types in A's thread: B is told politely the
 * check is someone else's and nothing of A's changes; B's "forget" leaves A's thread alone; A
 * carries on; A's "forget" (in a DM) deletes the thread record too, and nothing about A remains.
 */

import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../adapters/slack/action-ids.js';
import { threadKey } from '../adapters/slack/conversation-key.js';
import { copy } from '../src/conversation/copy.js';
import type { ConversationState } from '../src/conversation/types.js';
import { RedisStore } from '../src/store/redis-store.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import type { ConversationStore } from '../src/store/types.js';
import { isOpenQuestion, slackPerson, textOf } from './fakes/slack-drive.js';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import { appMentionEvent, eventEnvelope, userTs } from './fakes/slack-payloads.js';
import { postEvent, postInteraction } from './fakes/slack-requests.js';

const CHANNEL = 'C0SHARED';
const A = 'U0ALICEOWNER';
const B = 'U0BOBOTHER';

interface Backend {
  make: (now: () => number) => ConversationStore;
  /** Every byte or value the backend holds (file + WAL, or every key and value under the prefix). */
  everything(): Promise<string>;
  cleanup(): Promise<void>;
}

function sqlite(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'calfbot-owner-'));
  const path = join(dir, 'calfbot.db');
  return {
    make: (now) => new SqliteStore(path, { now }),
    everything: async () =>
      ['', '-wal', '-shm']
        .map((s) => {
          try {
            return readFileSync(path + s).toString('latin1');
          } catch {
            return '';
          }
        })
        .join(''),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function redis(url: string): Backend {
  const prefix = `calfbot-test-${randomUUID()}:`;
  const client = new Redis(url);
  return {
    make: (now) => new RedisStore(url, { keyPrefix: prefix, now }),
    everything: async () => {
      const keys = await client.keys(`${prefix}*`);
      const values = await Promise.all(
        keys.map(async (k) =>
          (await client.type(k)) === 'set' ? (await client.smembers(k)).join() : await client.get(k),
        ),
      );
      return [...keys, ...values].join('\n');
    },
    cleanup: async () => {
      const keys = await client.keys(`${prefix}*`);
      if (keys.length) await client.del(...keys);
      await client.quit();
    },
  };
}

function threadScenario(name: string, backend: () => Backend): void {
  describe(`a shared thread on ${name}`, () => {
    let b: Backend;
    let h: SlackHarness;
    beforeAll(async () => {
      b = backend();
      h = await startSlackHarness({ mode: 'http', makeStore: b.make });
      if (h.store instanceof RedisStore) expect(await h.store.ready()).toBe(true);
    });
    afterAll(async () => {
      await h.close();
      await b.cleanup();
    });

    const mention = async (user: string, text: string, thread_ts?: string) => {
      const ts = userTs();
      const event = appMentionEvent({
        channel: CHANNEL,
        user,
        text: `<@${h.fake.botUserId}> ${text}`,
        ts,
        ...(thread_ts ? { thread_ts } : {}),
      });
      expect((await postEvent(h.eventsUrl, SIGNING_SECRET, eventEnvelope(h.fake, event))).status).toBe(200);
      await h.slack.idle();
      return ts;
    };
    const alice = slackPerson(() => h, { channel: CHANNEL, user: A });
    const bob = slackPerson(() => h, { channel: CHANNEL, user: B });
    const lastText = () => textOf(h.fake.messages.at(-1)!);

    it('only the starter answers; others are told politely; forget deletes every trace', async () => {
      const root = await mention(A, 'my left calf is sore and I had surgery last week');
      const key = threadKey(h.fake.teamId, CHANNEL, root);
      const screen = h.fake.messages.find(isOpenQuestion)!;
      const before = (await h.store.get(key))!;
      expect(before.user).toBe(`slack:${h.fake.teamId}:${A}`);

      // B clicks A's question and types in A's thread: a polite note, and A's check is untouched.
      await bob.click(screen, ACTION.none);
      expect(lastText()).toContain(copy.notYourCheck);
      await mention(B, 'none of these, and I smoke', root);
      expect(lastText()).toContain(copy.notYourCheck);
      // B's forget in A's thread deletes nothing of A's.
      await mention(B, 'forget', root);
      const unchanged = (await h.store.get(key))!;
      expect(unchanged.version).toBe(before.version);
      expect(unchanged.user).toBe(before.user);
      expect((unchanged.state as ConversationState).pending?.id).toBe(
        (before.state as ConversationState).pending?.id,
      );
      expect(isOpenQuestion(screen)).toBe(true);

      // A answers their own question as usual (and keeps a copy of the click to replay later).
      const late = alice.clickPayload(screen, ACTION.none);
      await alice.click(screen, ACTION.none);
      expect(isOpenQuestion(screen)).toBe(false);
      expect((await h.store.get(key))!.version).toBe(before.version + 1);

      const findings = Object.keys((before.state as ConversationState).findings);
      expect(findings.length).toBeGreaterThan(0);
      const traces = [A, root, key, ...findings];
      expect(await b.everything()).toContain(A);

      // A's forget, typed in a DM, deletes the thread conversation as well.
      await slackPerson(() => h, { channel: 'D0ALICE', user: A }).dm('forget');
      expect(textOf(h.fake.messages.at(-1)!)).toMatch(/deleted/);
      expect(await h.store.get(key)).toBeNull();
      // A late click on the forgotten question brings nothing back.
      await postInteraction(h.eventsUrl, SIGNING_SECRET, late);
      await h.slack.idle();
      expect(await h.store.get(key)).toBeNull();
      await h.store.sweep();
      const raw = await b.everything();
      for (const trace of traces) expect(raw, trace).not.toContain(trace);
    });
  });
}

threadScenario('SQLite', sqlite);
if (process.env.REDIS_URL) threadScenario('Redis', () => redis(process.env.REDIS_URL as string));
