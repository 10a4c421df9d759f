/**
 * The region a Slack user's locale suggests (`users.info` with `include_locale`), as a care.yaml
 * region code for EventMeta.region: en-GB → UK, en-US → US, en-AU → AU, fr-CA → CA, en-IN → IN, a
 * locale of an EU member state (de-DE, fr-FR, en-IE, ...) → EU; anything else gives no hint, so
 * the configured EMERGENCY_REGION applies. A full locale names a country, so the hint is certain (a typed "I'm in
 * Australia" still wins inside the machine). Looked up once per user and kept (bounded, with a
 * TTL); a failed look-up gives no hint and is logged by code only. A turn asks only when its
 * replies name a region's numbers (EventMeta.lookUpRegion), so a question costs no call.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import type { EventMeta } from '../../src/vocabulary.js';
import { describeError } from '../shared/errors.js';

type RegionHint = NonNullable<EventMeta['region']>;

/** 112 is the emergency number in every EU member state. */
const EU_COUNTRIES = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '),
);

/** "en-GB" (or "en_GB") → UK; null when the locale names no country calfbot has care text for. */
export function regionOfLocale(locale: string | undefined): RegionHint | null {
  const country = /^[a-z]{2,3}[-_]([A-Za-z]{2})\b/.exec(locale ?? '')?.[1]?.toUpperCase();
  if (!country) return null;
  if (country === 'GB') return { code: 'UK' };
  if (['US', 'AU', 'NZ', 'CA', 'IN'].includes(country)) return { code: country };
  if (EU_COUNTRIES.has(country)) return { code: 'EU' };
  return null;
}

export interface LocaleCacheOptions {
  /** Most users kept (the oldest goes first). */
  maxUsers?: number;
  /** How long a looked-up locale is trusted (ms). */
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  region: RegionHint | null;
  at: number;
}

/** users.info is Tier 4 (100+/min): one call per user per TTL is well within it. */
export class SlackLocales {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<RegionHint | null>>();
  private readonly maxUsers: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly logger: Logger,
    options: LocaleCacheOptions = {},
  ) {
    this.maxUsers = options.maxUsers ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The hint already looked up for this user: undefined when it is not (or no longer) known. */
  known(team: string, user: string): RegionHint | null | undefined {
    const hit = this.entries.get(`${team}:${user}`);
    return hit && this.now() - hit.at < this.ttlMs ? hit.region : undefined;
  }

  /** The region hint for this user (team + user id), looked up with this workspace's client. */
  async regionOf(client: webApi.WebClient, team: string, user: string): Promise<RegionHint | null> {
    const id = `${team}:${user}`;
    const hit = this.entries.get(id);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.region;
    const running = this.pending.get(id);
    if (running) return running;
    const lookup = this.lookUp(client, user).then((region) => {
      this.pending.delete(id);
      if (region !== undefined) this.keep(id, region);
      return region ?? null;
    });
    this.pending.set(id, lookup);
    return lookup;
  }

  /** Forget a workspace's users (uninstall) or everything. */
  clear(team?: string): void {
    if (!team) {
      this.entries.clear();
      return;
    }
    for (const id of this.entries.keys()) if (id.startsWith(`${team}:`)) this.entries.delete(id);
  }

  /**
   * undefined: Slack could not be reached (not cached, so the next turn tries again). A refusal
   * (no users:read scope, user_not_found) is kept as "no hint" for the TTL, so a workspace that
   * did not grant the scope is not asked on every turn.
   */
  private async lookUp(client: webApi.WebClient, user: string): Promise<RegionHint | null | undefined> {
    try {
      const res = await client.users.info({ user, include_locale: true });
      return regionOfLocale(res.user?.locale);
    } catch (error) {
      this.logger.warn(
        { event: 'slack_api_failed', ...describeError(error), method: 'users.info' },
        'could not read the user locale',
      );
      return (error as { code?: unknown }).code === 'slack_webapi_platform_error' ? null : undefined;
    }
  }

  private keep(id: string, region: RegionHint | null): void {
    this.entries.delete(id);
    this.entries.set(id, { region, at: this.now() });
    while (this.entries.size > this.maxUsers) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
