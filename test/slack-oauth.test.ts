/**
 * Any workspace (issue 13, item 4): OAuth install mode against the fake Slack. An admin installs
 * through /slack/install and /slack/oauth_redirect (the fake's oauth.v2.access), two workspaces'
 * events are answered with their own tokens and kept apart, and app_uninstalled removes one
 * workspace's token and conversations. Tokens are sealed at rest.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmKey } from '../adapters/slack/conversation-key.js';
import { loadConfig } from '../src/config.js';
import { createSecretRecords, parseSealKey } from '../src/store/installation-store.js';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import { dmMessageEvent, eventEnvelope, userTs } from './fakes/slack-payloads.js';
import { postEvent } from './fakes/slack-requests.js';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness({ mode: 'http', oauth: true });
});
afterEach(async () => {
  await h.close();
});

const base = () => h.eventsUrl.replace(/\/slack\/events$/, '');

const WORKSPACES = [
  { teamId: 'T0ONE', botToken: 'xoxb-one-secret', botUserId: 'U0BOTONE', botId: 'B0ONE', userId: 'U0ADMIN1' },
  { teamId: 'T0TWO', botToken: 'xoxb-two-secret', botUserId: 'U0BOTTWO', botId: 'B0TWO', userId: 'U0ADMIN2' },
];

/** The admin's browser: the install page, Slack's consent (skipped), the redirect back. */
async function install(w: (typeof WORKSPACES)[number], code: string): Promise<Response> {
  h.fake.addInstallCode(code, w);
  const start = await fetch(`${base()}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const consent = new URL(start.headers.get('location')!);
  expect(consent.searchParams.get('client_id')).toBe('1234.5678');
  expect(consent.searchParams.get('scope')).toContain('assistant:write');
  const state = consent.searchParams.get('state')!;
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
  return fetch(`${base()}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: 'manual',
  });
}

const envelopeFor = (w: (typeof WORKSPACES)[number], event: Record<string, unknown>) =>
  eventEnvelope({ teamId: w.teamId, botUserId: w.botUserId }, event);

async function dmIn(w: (typeof WORKSPACES)[number], channel: string, text: string) {
  const res = await postEvent(
    h.eventsUrl,
    SIGNING_SECRET,
    envelopeFor(w, dmMessageEvent({ channel, user: 'U0PERSON', text })),
  );
  expect(res.status).toBe(200);
  await h.slack.idle();
}

describe('Slack OAuth install mode', () => {
  it('installs two workspaces, keeps them apart, and an uninstall removes one', async () => {
    for (const [i, w] of WORKSPACES.entries()) {
      const done = await install(w, `code-${i}`);
      expect(done.status).toBe(200);
      expect(await done.text()).toMatch(/installed/);
    }
    expect(h.fake.callsTo('oauth.v2.access')).toHaveLength(2);

    // The same DM channel id and user id in both workspaces: two conversations, two tokens.
    await dmIn(WORKSPACES[0]!, 'D0SAME', 'why do my calves hurt');
    await dmIn(WORKSPACES[1]!, 'D0SAME', 'why do my calves hurt');
    const posts = h.fake.callsTo('chat.postMessage');
    expect(posts.map((p) => p.token)).toEqual(['xoxb-one-secret', 'xoxb-two-secret']);
    expect(await h.store.get(dmKey('T0ONE', 'D0SAME'))).not.toBeNull();
    expect(await h.store.get(dmKey('T0TWO', 'D0SAME'))).not.toBeNull();

    // Workspace one uninstalls: its conversations and token go; workspace two is untouched.
    const uninstalled = await postEvent(
      h.eventsUrl,
      SIGNING_SECRET,
      envelopeFor(WORKSPACES[0]!, { type: 'app_uninstalled', event_ts: userTs() }),
    );
    expect(uninstalled.status).toBe(200);
    await h.slack.idle();
    expect(await h.store.get(dmKey('T0ONE', 'D0SAME'))).toBeNull();
    expect(await h.store.get(dmKey('T0TWO', 'D0SAME'))).not.toBeNull();
    expect(h.logs.some((l) => l.event === 'slack_uninstalled' && l.team === 'T0ONE')).toBe(true);

    // An event for the uninstalled workspace finds no token and posts nothing; two still works.
    await dmIn(WORKSPACES[0]!, 'D0SAME', 'hello again');
    await dmIn(WORKSPACES[1]!, 'D0SAME', 'none of these');
    expect(h.fake.callsTo('chat.postMessage').map((p) => p.token)).toEqual([
      'xoxb-one-secret',
      'xoxb-two-secret',
      'xoxb-two-secret',
    ]);
    // No token reached the log.
    expect(h.rawLog()).not.toMatch(/xoxb-one-secret|xoxb-two-secret|test-client-secret/);
  });

  it('tokens_revoked for the bot token removes that workspace; a revoked user token changes nothing', async () => {
    const w = WORKSPACES[1]!;
    expect((await install(w, 'code-r')).status).toBe(200);
    await dmIn(w, 'D0REV', 'why do my calves hurt');
    const revoke = (tokens: Record<string, string[]>) =>
      postEvent(
        h.eventsUrl,
        SIGNING_SECRET,
        envelopeFor(w, { type: 'tokens_revoked', tokens, event_ts: userTs() }),
      );
    await revoke({ oauth: ['U0ADMIN2'] });
    await h.slack.idle();
    expect(await h.store.get(dmKey(w.teamId, 'D0REV'))).not.toBeNull();
    await revoke({ bot: [w.botUserId] });
    await h.slack.idle();
    expect(await h.store.get(dmKey(w.teamId, 'D0REV'))).toBeNull();
    const before = h.fake.callsTo('chat.postMessage').length;
    await dmIn(w, 'D0REV', 'hello');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before);
  });

  it('a redirect with a forged state installs nothing', async () => {
    h.fake.addInstallCode('code-x', WORKSPACES[0]!);
    const res = await fetch(`${base()}/slack/oauth_redirect?code=code-x&state=forged`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(h.fake.callsTo('oauth.v2.access')).toHaveLength(0);
  });

  it('the install pages take no body and no over-long URL', async () => {
    const status = (p: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const headers = body ? { 'content-length': String(body.length) } : {};
        const req = http.request(`${base()}${p}`, { method: 'GET', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
    expect(await status('/slack/install', 'xx')).toBe(413);
    expect(await status(`/slack/oauth_redirect?code=${'x'.repeat(5_000)}`)).toBe(414);
    expect(h.fake.callsTo('oauth.v2.access')).toHaveLength(0);
  });
});

describe('sealed installation records', () => {
  it('keep no token readable in the SQLite file, and open only with the key', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'calfbot-inst-'));
    try {
      const file = path.join(dir, 'calfbot.db');
      const key = parseSealKey(Buffer.alloc(32, 9).toString('base64'));
      const records = await createSecretRecords(`sqlite:${file}`, key);
      await records.put('team:T1', JSON.stringify({ bot: { token: 'xoxb-very-secret-token' } }));
      expect(await records.get('team:T1')).toContain('xoxb-very-secret-token');
      await records.close();
      const bytes = [file, `${file}-wal`]
        .map((f) => {
          try {
            return readFileSync(f).toString('latin1');
          } catch {
            return '';
          }
        })
        .join('');
      expect(bytes).not.toContain('xoxb-very-secret-token');
      const wrong = await createSecretRecords(`sqlite:${file}`, parseSealKey('ab'.repeat(32)));
      await expect(wrong.get('team:T1')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
      await wrong.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuse a key that is not 32 bytes', () => {
    expect(() => parseSealKey('too-short')).toThrow(/32 random bytes/);
  });
});

describe('OAuth configuration', () => {
  const env = {
    SLACK_CLIENT_ID: '1.2',
    SLACK_CLIENT_SECRET: 's',
    SLACK_STATE_SECRET: 'a-long-enough-state-secret',
    SLACK_SIGNING_SECRET: 'sig',
    STORE_URL: 'memory:',
  };
  it('names what install mode still needs', () => {
    expect(() => loadConfig(env)).toThrow(/needs SLACK_INSTALLATION_KEY/);
  });
  it('refuses a key that is not 32 bytes, and accepts one that is', () => {
    expect(() => loadConfig({ ...env, SLACK_INSTALLATION_KEY: 'abc' })).toThrow(
      /SLACK_INSTALLATION_KEY must be 32/,
    );
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(loadConfig({ ...env, SLACK_INSTALLATION_KEY: key }).SLACK_CLIENT_ID).toBe('1.2');
  });
});
