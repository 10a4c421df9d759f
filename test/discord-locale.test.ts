/**
 * The user's Discord language picks the emergency number, always with "or your local emergency
 * number" (a client language is only a guess at where someone is); a language spoken in many
 * regions gets the plain local-number wording; a region the person types wins.
 */
import { describe, expect, it } from 'vitest';
import { regionHint } from '../adapters/discord/locale.js';
import { labels as ui } from '../adapters/shared/labels.js';
import {
  buttonByLabel,
  type DiscordHarness,
  harnessForSuite,
  selectMenuOf,
} from './fakes/discord-harness.js';
import type { FakeUser, InteractionPlace, InteractionRef } from './fakes/fake-discord.js';

type Json = any;

const BREATHLESS = 'my calf is swollen and I am suddenly breathless';

describe('Discord: the emergency number follows the user’s language', () => {
  let h: DiscordHarness;
  harnessForSuite((started) => {
    h = started;
  });
  let n = 0;
  const person = (): FakeUser => ({ id: `71000000000000${String(++n).padStart(4, '0')}`, username: `p${n}` });

  /** Everything the bot showed for an interaction, as one string (content and embeds). */
  const shown = (ref: InteractionRef): string => JSON.stringify(h.fake.messagesOf(ref));

  const ask = async (text: string, place: InteractionPlace, user = person()) => {
    const ref = h.fake.slashCommand({ user, options: { question: text }, ...place });
    await h.settle(ref);
    return { ref, user };
  };

  it('en-GB: 999, with "or your local emergency number"', async () => {
    const { ref } = await ask(BREATHLESS, { locale: 'en-GB' });
    expect(shown(ref)).toContain('Call 999 (or your local emergency number) now');
    expect(shown(ref)).not.toContain('Call 911');
  });

  it('en-GB: an urgent check points to NHS 111', async () => {
    let { ref, user } = await ask('one calf is swollen', { locale: 'en-GB' });
    for (let turn = 0; turn < 10 && !shown(ref).includes('"embeds":[{'); turn++) {
      const message: Json = h.fake.messagesOf(ref).at(-1);
      const answer = selectMenuOf(message) ? ui.none : ui.no;
      ref = h.fake.click(message, buttonByLabel(message, answer).custom_id, { user, locale: 'en-GB' });
      await h.settle(ref);
    }
    expect(shown(ref)).toContain('NHS 111');
    expect(shown(ref)).toContain('call 999 (or your local emergency number)');
  });

  it('fr: 112, with "or your local emergency number"', async () => {
    const { ref } = await ask(BREATHLESS, { locale: 'fr' });
    expect(shown(ref)).toContain('Call 112 (or your local emergency number) now');
  });

  it('a language of many regions (es-419, ja): "your local emergency number", no guessed number', async () => {
    for (const locale of ['es-419', 'ja']) {
      const { ref } = await ask(BREATHLESS, { locale, guildLocale: 'en-US' });
      expect(shown(ref)).toContain('Call your local emergency number now');
      expect(shown(ref)).not.toMatch(/Call (911|999|112|000)/);
    }
  });

  it('a typed "I am in Australia" wins over the language', async () => {
    const { ref } = await ask(`I am in Australia. ${BREATHLESS}`, { locale: 'en-GB' });
    expect(shown(ref)).toContain('Call 000 now');
  });
});

describe('regionHint', () => {
  it('is always tentative, and prefers the user’s language to the server’s', () => {
    expect(regionHint('en-US', 'de')).toEqual({ code: 'US', tentative: true });
    expect(regionHint('pt-BR', 'de')).toEqual({ code: 'EU', tentative: true });
    // Every server's default locale says nothing about where its people are.
    expect(regionHint('ja', 'en-US')).toEqual({ code: 'ja', tentative: true });
    expect(regionHint(undefined, 'en-GB')).toEqual({ code: 'UK', tentative: true });
    expect(regionHint(undefined, null)).toBeUndefined();
  });
});
