/**
 * The region a Discord interaction suggests, from the user's client language (`locale`) and the
 * server's (`guild_locale`). A client language is only a guess at where someone is (many people
 * keep the default), so every hint is tentative: the assessment names the likely number and adds
 * "or your local emergency number". A language spoken in many regions (es-419, pt-BR, plain `en`,
 * ja...) is passed on as itself, a code with no care entry, so the wording is the plain "your
 * local emergency number". A region the person types ("I'm in Australia") wins over both.
 */
import type { Locale } from 'discord.js'; // discord-api-types' Locale, re-exported
import type { EventMeta } from '../../src/vocabulary.js';

type RegionHint = NonNullable<EventMeta['region']>;

/** Discord locales whose speakers mostly live where 112 is the emergency number (EU, EEA). */
const EU_LOCALES = new Set<`${Locale}` | string>([
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'es-ES',
  'fi',
  'fr',
  'hr',
  'hu',
  'it',
  'lt',
  'nl',
  'pl',
  'ro',
  'sv-SE',
]);

const REGION_OF: Readonly<Record<string, string>> = { 'en-GB': 'UK', 'en-US': 'US' };

/** The care.yaml region a locale points to, or null when it fits several (or none calfbot knows). */
export function regionOfLocale(locale: string): string | null {
  if (Object.hasOwn(REGION_OF, locale)) return REGION_OF[locale]!;
  return EU_LOCALES.has(locale) ? 'EU' : null;
}

/** Every server's `guild_locale` until an admin changes it: says nothing about where people are. */
const DEFAULT_GUILD_LOCALE = 'en-US';

/**
 * The tentative region hint for an interaction: the user's own locale when it points to a region,
 * else the server's when an admin chose one that does, else the user's locale as it is (no care
 * entry: local-number wording). Nothing when Discord sent neither.
 */
export function regionHint(
  locale: string | null | undefined,
  guildLocale?: string | null,
): RegionHint | undefined {
  const user = locale ? regionOfLocale(locale) : null;
  if (user) return { code: user, tentative: true };
  const chosen = guildLocale && (guildLocale !== DEFAULT_GUILD_LOCALE || !locale);
  const guild = chosen ? regionOfLocale(guildLocale) : null;
  if (guild) return { code: guild, tentative: true };
  const raw = locale || guildLocale;
  return raw ? { code: raw.slice(0, 16), tentative: true } : undefined;
}
