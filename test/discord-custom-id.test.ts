import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversationKey } from '../adapters/discord/conversation-key.js';
import {
  decodeCustomId,
  encodeCustomId,
  epochOf,
  VERB_CODES,
  type Verb,
} from '../adapters/discord/custom-id.js';
import { echoUserText, neutraliseMentions } from '../adapters/discord/escape.js';

const verbs = Object.keys(VERB_CODES) as Verb[];

describe('Discord custom ids', () => {
  it('round-trip any question id up to 20 characters, within 100 characters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...verbs),
        fc.option(
          fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }).filter((s) => s.length <= 20),
          { nil: null },
        ),
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (verb, question, startedAt) => {
          const id = { verb, question, epoch: epochOf(startedAt) };
          const raw = encodeCustomId(id);
          expect(raw.length).toBeLessThanOrEqual(100);
          expect(decodeCustomId(raw)).toEqual(id);
        },
      ),
    );
    const real = { verb: 'yes' as const, question: 'q12.mwyv1583', epoch: epochOf(Date.now()) };
    expect(decodeCustomId(encodeCustomId(real))).toEqual(real);
  });

  it('refuse to build an id over 100 characters', () => {
    expect(() => encodeCustomId({ verb: 'yes', question: 'q'.repeat(95), epoch: '1' })).toThrow(/100/);
  });

  it('do not decode foreign or malformed ids', () => {
    for (const raw of [
      '',
      'hello',
      'cb1:x:q1:abc',
      'cb1:y:q1',
      'cb1:y::abc',
      'cb1:y:q1:ABC',
      `cb1:y:q1:${'a'.repeat(200)}`,
      'cb1:y:~_:1',
      'cb1:y:~YQ:1',
    ]) {
      expect(decodeCustomId(raw)).toBeNull();
    }
  });
});

describe('Discord conversation keys', () => {
  it('one per user per channel in a server, one per user in DMs', () => {
    const a = conversationKey({ userId: '1', channelId: '10', guildId: '100', isDm: false });
    const b = conversationKey({ userId: '2', channelId: '10', guildId: '100', isDm: false });
    const c = conversationKey({ userId: '1', channelId: '11', guildId: '100', isDm: false });
    expect(new Set([a, b, c]).size).toBe(3);
    expect(conversationKey({ userId: '1', channelId: '55', guildId: null, isDm: true })).toBe('discord:dm:1');
    expect(conversationKey({ userId: '1', channelId: null, guildId: null, isDm: true })).toBe('discord:dm:1');
    expect(conversationKey({ userId: '1', channelId: '77', guildId: null, isDm: false })).not.toBe(
      'discord:dm:1',
    );
  });
});

describe('Discord mention-proofing', () => {
  it('breaks @everyone, @here and user, role and channel mentions', () => {
    const out = neutraliseMentions('@everyone @here <@1> <@!2> <@&3> <#4> </cmd:5>');
    expect(out).not.toMatch(/@everyone|@here|<@\d|<@!|<@&|<#\d|<\//);
  });

  it('echoes user text on one line, Markdown escaped and cut to length', () => {
    const out = echoUserText('**bold**\n\n@everyone '.repeat(50), 100);
    expect(out).not.toContain('\n');
    expect(out).toContain('\\*\\*bold\\*\\*');
    expect(out).not.toMatch(/@everyone/);
    expect(out.length).toBeLessThanOrEqual(140);
  });
});
