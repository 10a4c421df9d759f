/**
 * The Slack baseline: a bare Bolt app in HTTP mode, configured like calfbot's (same endpoint,
 * signing secret, processBeforeResponse: false, Web API at the fake), that acks each DM and
 * posts one fixed reply (BARE_POSTS=2: two, one after the other, as calfbot does for a first
 * message). `node slack-bare.js` with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_API_URL
 * set; prints `{"port":N}` when listening.
 */
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
  processBeforeResponse: false,
  logLevel: LogLevel.WARN,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});

const posts = Number(process.env.BARE_POSTS ?? 1);
app.message(async ({ say }) => {
  for (let i = 0; i < posts; i++) await say('Thanks. This is a fixed reply.');
});

const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as {
  address(): { port: number };
};
process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
process.on('SIGTERM', () => {
  void app.stop().finally(() => process.exit(0));
});
