/** Slack text → UserEvent, and which conversation a Slack place belongs to. */
import { describe, expect, it } from 'vitest';
import { keyForClick, keyForCommand, keyForMessage } from '../adapters/slack/conversation-key.js';
import { slackTextToPlain } from '../adapters/slack/parse.js';

describe('slack text', () => {
  it('drops the bot mention, shows other markup by its label and undoes Slack escaping', () => {
    expect(
      slackTextToPlain(
        '<@U0BOT> my calves &amp; feet hurt &lt;3 <https://x.example|link> <#C1|general> <!here>',
        'U0BOT',
      ),
    ).toBe('my calves & feet hurt <3 link #general');
    expect(slackTextToPlain('ask <@U0OTHER|ann>', 'U0BOT')).toBe('ask @someone');
  });
});

describe('conversation keys', () => {
  it('a DM is one conversation; a channel conversation is one thread', () => {
    expect(keyForMessage({ team: 'T1', channel: 'D1', ts: '1.1' })).toBe('slack:T1:D1');
    expect(keyForMessage({ team: 'T1', channel: 'D1', ts: '1.2', threadTs: '1.1' })).toBe('slack:T1:D1');
    expect(keyForMessage({ team: 'T1', channel: 'C1', ts: '1.1' })).toBe('slack:T1:C1:1.1');
    expect(keyForMessage({ team: 'T1', channel: 'C1', ts: '1.5', threadTs: '1.1' })).toBe('slack:T1:C1:1.1');
  });

  it('/calves outside a DM is private to its user, and clicks find the same conversation', () => {
    expect(keyForCommand({ team: 'T1', channel: 'C1', user: 'U1' })).toBe('slack:T1:C1:user:U1');
    expect(keyForCommand({ team: 'T1', channel: 'D1', user: 'U1' })).toBe('slack:T1:D1');
    expect(keyForClick({ team: 'T1', channel: 'C1', user: 'U1', ephemeral: true, messageTs: '9.9' })).toBe(
      'slack:T1:C1:user:U1',
    );
    expect(
      keyForClick({
        team: 'T1',
        channel: 'C1',
        user: 'U2',
        ephemeral: false,
        messageTs: '1.3',
        threadTs: '1.1',
      }),
    ).toBe('slack:T1:C1:1.1');
    expect(keyForClick({ team: 'T1', channel: 'D1', user: 'U1', ephemeral: false, messageTs: '1.3' })).toBe(
      'slack:T1:D1',
    );
  });
});
