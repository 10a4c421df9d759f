/** The Slack app manifests in the repo match what the adapter listens for. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from '../adapters/slack/app.js';
import { slackCopy } from '../adapters/slack/copy.js';
import { slackCommandName } from '../adapters/slack/manifest-values.js';
import { BOT_SCOPES } from '../adapters/slack/oauth.js';

const load = (name: string) =>
  parse(readFileSync(path.join(import.meta.dirname, '../adapters/slack', name), 'utf8'));

describe.each([
  ['manifest.yaml', true],
  ['manifest-http.yaml', false],
])('%s', (file, socketMode) => {
  const m = load(file);

  it('asks for the scopes an OAuth install asks for', () => {
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('asks for exactly the scopes the adapter uses', () => {
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'assistant:write',
      'chat:write',
      'commands',
      'im:history',
      'im:write',
      'users:read',
    ]);
  });

  it('subscribes to DMs, mentions, the Home tab, the assistant pane and uninstalls; registers /calves, interactivity and both tabs', () => {
    expect([...m.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'app_uninstalled',
      'assistant_thread_context_changed',
      'assistant_thread_started',
      'message.im',
      'tokens_revoked',
    ]);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    // The same prompts the adapter offers when an assistant thread opens.
    expect(m.features.agent_view.suggested_prompts.map((p: { message: string }) => p.message)).toEqual([
      ...slackCopy.suggestedPrompts,
    ]);
    expect(m.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([slackCommandName]);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.app_home.messages_tab_enabled).toBe(true);
    expect(m.features.app_home.messages_tab_read_only_enabled).toBe(false);
    expect(m.display_information.long_description.length).toBeGreaterThanOrEqual(175);
  });

  it(socketMode ? 'has Socket Mode on and no request URLs' : 'sends every request to /slack/events', () => {
    expect(m.settings.socket_mode_enabled).toBe(socketMode);
    const urls = [
      m.settings.event_subscriptions.request_url,
      m.settings.interactivity.request_url,
      m.features.slash_commands[0].url,
    ];
    if (socketMode) expect(urls.filter(Boolean)).toEqual([]);
    else for (const u of urls) expect(new URL(u).pathname).toBe(SLACK_EVENTS_PATH);
  });
});
