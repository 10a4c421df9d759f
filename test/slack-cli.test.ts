/**
 * `calfbot start` with Slack settings runs the Slack adapter (HTTP mode here) against the fake
 * Slack, answers a signed DM, and stops cleanly on SIGTERM. Uses the built CLI (`npm test` builds).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fakes/fake-slack.js';
import { dmMessageEvent, eventEnvelope } from './fakes/slack-payloads.js';
import { postEvent } from './fakes/slack-requests.js';

const REPO = path.resolve(import.meta.dirname, '..');
const SECRET = 'cli-test-signing-secret';

describe('calfbot start with Slack', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('answers a DM and shuts down on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/calfbot.js'), 'start'], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-cli-test',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        STORE_URL: 'memory:',
        LOG_LEVEL: 'info',
      },
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += String(d);
        const m = /"event":"slack_started"[^\n]*"port":(\d+)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      void exited.then(() => reject(new Error(`calfbot exited before Slack started:\n${stderr}`)));
    });
    const envelope = eventEnvelope(
      fake,
      dmMessageEvent({ channel: 'D0CLI', user: 'U0CLI', text: 'why do my calves hurt' }),
    );
    expect((await postEvent(`http://127.0.0.1:${port}/slack/events`, SECRET, envelope)).status).toBe(200);
    await fake.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage').length >= 1);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/calves hurt|xoxb-cli-test|cli-test-signing-secret/);
  });
});
