/**
 * The one path every message takes: read typed commands out of the words (once), load the
 * conversation (with its version), run the pure machine, work out the question lifecycle, save
 * with compare-and-set (retry on a lost race) and return one TurnOutcome. Adapters call
 * `bot.handle(key, event, meta)` and render what comes back; they never read the store.
 */

import { copy } from './conversation/copy.js';
import { lifecycle } from './conversation/lifecycle.js';
import { type MachineEvent, type StepResult, step } from './conversation/machine.js';
import { screenLongText } from './conversation/screen-paste.js';
import type { ConversationState } from './conversation/types.js';
import { upgradeState } from './conversation/upgrade.js';
import { CalfbotError, isCalfbotError } from './errors.js';
import type { Knowledge } from './knowledge/schema.js';
import { type Logger, silentLogger } from './log.js';
import { readEvent } from './read-event.js';
import { RecentEvents } from './recent-events.js';
import { RATE_LIMIT_WINDOW_MS, type RateLimiter } from './store/rate-limiter.js';
import {
  CONVERSATION_TTL_HOURS_DEFAULT,
  type ConversationRecord,
  type ConversationStore,
  EVENT_KEEP_MIN_MS,
} from './store/types.js';
import type { Outcome, TurnOutcome } from './turn-outcome.js';
import type { EventMeta, RegionHint, Reply, UserEvent } from './vocabulary.js';

/** Longest message we accept, in characters (Discord's own limit for a message). */
export const MAX_TEXT_CHARS = 2000;
const CAS_ATTEMPTS_MAX = 8;
const CAS_BACKOFF_MS_MAX = 5;

export interface BotOptions {
  knowledge: Knowledge;
  store: ConversationStore;
  region?: string;
  conversationTtlHours?: number;
  logger?: Logger;
  now?: () => number;
  /** Per-user flood protection; off when omitted (the JSON-lines door is a trusted local pipe). */
  rateLimit?: { limiter: RateLimiter; perMinute: number };
}

export class Bot {
  readonly knowledge: Knowledge;
  readonly store: ConversationStore;
  private readonly region: string;
  private readonly ttlMs: number;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly rateLimit: BotOptions['rateLimit'];

  constructor(options: BotOptions) {
    this.knowledge = options.knowledge;
    this.store = options.store;
    this.region = options.region ?? options.knowledge.care.default_region;
    this.recent = new RecentEvents(undefined, undefined, () => this.now());
    this.ttlMs = (options.conversationTtlHours ?? CONVERSATION_TTL_HOURS_DEFAULT) * 3_600_000;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
    this.rateLimit = options.rateLimit;
  }

  private readonly inFlight = new Set<Promise<TurnOutcome>>();
  /**
   * Event ids this process finished with, for a short while: also catches the repeats of turns
   * the store does not record (forget, a refusal), e.g. the two deliveries of one Slack message.
   */
  private readonly recent: RecentEvents;
  /**
   * The last turn queued for each conversation. Turns of one conversation run one after another in
   * this process, in arrival order, so they never race each other for the compare-and-set (a burst
   * in one conversation would otherwise exhaust the retries); other processes may still race.
   */
  private readonly tails = new Map<string, Promise<TurnOutcome>>();

  /** Handle one user event in one conversation. Never throws for user input or store outages. */
  handle(key: string, event: UserEvent, meta: EventMeta = {}): Promise<TurnOutcome> {
    const previous = this.tails.get(key);
    const run = () => this.run(key, event, meta);
    const turn = previous ? previous.then(run, run) : run();
    this.tails.set(key, turn);
    this.inFlight.add(turn);
    // then(done, done): the bookkeeping promise never rejects, so it can never crash the process.
    const done = () => {
      this.inFlight.delete(turn);
      if (this.tails.get(key) === turn) this.tails.delete(key);
    };
    void turn.then(done, done);
    return turn;
  }

  /**
   * The region for this turn: the platform's suggestion (a locale) when it names one calfbot has
   * care text for, else the configured EMERGENCY_REGION. ("~" marks a tentative guess.)
   */
  private regionFor(meta: EventMeta): string {
    const hint = meta.region;
    if (!hint) return this.region;
    if (!Object.hasOwn(this.knowledge.care.regions, hint.code)) return hint.tentative ? '' : this.region;
    return hint.tentative ? `~${hint.code}` : hint.code;
  }

  /**
   * One step of the machine in the region this person is in. A hint that costs a platform call
   * (meta.lookUpRegion) is asked only when the replies name the region's numbers; the step is
   * pure, so it is taken again with the region the hint gives.
   */
  private async stepIn(
    state: ConversationState | null,
    event: MachineEvent,
    meta: EventMeta,
    now: number,
  ): Promise<StepResult> {
    const region = this.regionFor(meta);
    const out = step(state, event, { knowledge: this.knowledge, region, now });
    if (!out.regional || meta.region || !meta.lookUpRegion) return out;
    const hint = await this.lookUp(meta);
    const looked = hint ? this.regionFor({ region: hint }) : region;
    return looked === region ? out : step(state, event, { knowledge: this.knowledge, region: looked, now });
  }

  /** The platform's region hint; a look-up that fails gives none (the configured region). */
  private async lookUp(meta: EventMeta): Promise<RegionHint | null> {
    try {
      return (await meta.lookUpRegion?.()) ?? null;
    } catch {
      this.logger.warn({ event: 'region_lookup_failed' }, 'region look-up failed');
      return null;
    }
  }

  /**
   * Delete every conversation whose owner id starts with `prefix`: a whole workspace, when the
   * app is uninstalled from it (`slack:T123:`). Returns how many.
   */
  forgetOwners(prefix: string): Promise<number> {
    return this.store.forgetUsersWithPrefix(prefix);
  }

  /** Finish the turns in flight, then close the store and the rate limiter. */
  async close(): Promise<void> {
    await this.drain();
    await this.store.close();
    await this.rateLimit?.limiter.close();
  }

  /** Resolves when every turn in flight has finished (for a graceful shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async run(key: string, incoming: UserEvent, meta: EventMeta): Promise<TurnOutcome> {
    const started = this.now();
    const kind = (incoming as Partial<UserEvent> | null)?.kind;
    try {
      if (meta.eventId && this.recent.has(meta.eventId)) return refusal('duplicate', []);
      const event = readEvent(incoming);
      if (event.kind === 'text' && event.text.length > MAX_TEXT_CHARS) {
        this.logger.info({ event: 'turn', kind, outcome: 'too_long' }, 'turn refused');
        // Not kept, but still screened: a warning sign inside a long paste is answered as one.
        const screened = (region: string) => screenLongText(event.text, this.knowledge, region);
        let urgent = screened(this.regionFor(meta));
        if (urgent && !meta.region && meta.lookUpRegion) {
          const hint = await this.lookUp(meta);
          if (hint) urgent = screened(this.regionFor({ region: hint }));
        }
        const replies = urgent
          ? [warning(copy.tooLongButUrgent), urgent]
          : [warning(copy.tooLong(MAX_TEXT_CHARS))];
        return this.remember(meta, refusal('too_long', replies));
      }
      // Forgetting is never rate-limited: deleting your data must always work.
      const command = event.kind === 'command' ? { command: event.command } : {};
      const result = {
        ...(event.kind === 'command' && event.command === 'forget'
          ? await this.forget(key, meta)
          : await this.turn(key, event as MachineEvent, meta, this.rateLimit)),
        ...command,
      };
      // A refusal was logged as such; one line per turn either way.
      if (result.outcome !== 'rate_limited')
        this.logger.info(
          { event: 'turn', kind, outcome: result.outcome, ms: this.now() - started },
          'turn done',
        );
      return this.remember(meta, result);
    } catch (error) {
      // Even a malformed event (from a buggy adapter) ends in an answer, never a rejection.
      if (isCalfbotError(error, 'STORE_UNAVAILABLE')) {
        this.logger.warn({ event: 'turn', kind, code: error.code }, 'store unavailable');
        return refusal('store_unavailable', [{ kind: 'text', text: copy.storeDown, tone: 'error' }]);
      }
      this.logger.error(
        {
          event: 'turn',
          kind,
          err: { name: (error as Error | null)?.name, code: (error as CalfbotError | null)?.code },
        },
        'turn failed',
      );
      return refusal('failed', [{ kind: 'text', text: copy.internalError, tone: 'error' }]);
    }
  }

  /** A finished turn's event id is not taken again (an outage or failure may be retried). */
  private remember(meta: EventMeta, outcome: TurnOutcome): TurnOutcome {
    if (meta.eventId) this.recent.claim(meta.eventId);
    return outcome;
  }

  private async turn(
    key: string,
    event: MachineEvent,
    meta: EventMeta,
    rateLimit: BotOptions['rateLimit'],
  ): Promise<TurnOutcome> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS_MAX; attempt++) {
      const record = await this.store.get(key);
      // Processed ids are kept by time, apart from the record (they outlive a forgotten one).
      if (
        meta.eventId &&
        // A record written before the events moved out still lists its last ids (a rolling deploy).
        (record?.processed.some((p) => p.id === meta.eventId) ||
          (await this.store.hasEvent(key, meta.eventId)))
      ) {
        return refusal('duplicate', []);
      }
      // A conversation belongs to the person who started it: no one else answers for them.
      if (record?.user && meta.user && record.user !== meta.user) {
        this.logger.info({ event: 'turn', kind: event.kind, outcome: 'not_owner' }, 'turn refused');
        return refusal('not_owner', [{ kind: 'text', text: copy.notYourCheck }]);
      }
      // After the duplicate check, so a platform retry never counts against the user.
      if (attempt === 0 && rateLimit) {
        const { allowed, firstRefusal } = await rateLimit.limiter.hit(
          meta.user ?? key,
          rateLimit.perMinute,
          RATE_LIMIT_WINDOW_MS,
        );
        if (!allowed) {
          this.logger.info({ event: 'turn', kind: event.kind, outcome: 'rate_limited' }, 'turn refused');
          return {
            ...refusal('rate_limited', [warning(copy.ratedLimited)]),
            ...(firstRefusal === false ? { quiet: true } : {}),
          };
        }
      }
      const now = this.now();
      let state: ConversationState | null = null;
      const preface: Reply[] = [];
      if (record) {
        const upgraded = upgradeState(record.state);
        if (upgraded) state = upgraded;
        else preface.push({ kind: 'text', text: copy.restartedAfterUpgrade });
      }
      const out = await this.stepIn(state, event, meta, now);
      const outcome: TurnOutcome = {
        outcome: 'ok',
        replies: [...preface, ...out.replies],
        ...lifecycle(state, event, out.state, this.knowledge),
      };
      // A click from a conversation that no longer exists (or "help" before any) starts nothing:
      // a late click on a conversation that is gone (expired, forgotten) brings nothing back.
      if (
        !record &&
        (event.kind === 'answer' || event.kind === 'select' || (!out.state.pending && !out.state.assessment))
      )
        return { ...outcome, conversation: null };
      // A click on a question that is no longer open changes nothing, not even the record.
      if (state && isStale(outcome) && unchanged(state, out.state)) return outcome;
      const next: ConversationRecord = {
        version: (record?.version ?? 0) + 1,
        // The owner never changes (one without an owner is adopted by the first known user).
        user: record?.user ?? meta.user ?? null,
        state: out.state,
        processed: record?.processed ?? [],
        expiresAt: now + this.ttlMs,
      };
      const mark = meta.eventId
        ? { id: meta.eventId, keepUntil: Math.max(now + EVENT_KEEP_MIN_MS, next.expiresAt) }
        : undefined;
      if (await this.store.compareAndSet(key, record?.version ?? 0, next, mark)) return outcome;
      this.logger.debug({ event: 'cas_retry', attempt }, 'lost a race, retrying on fresh state');
      // Another process won: step aside for a moment (jittered) so the retries do not collide again.
      await new Promise((r) => setTimeout(r, Math.random() * CAS_BACKOFF_MS_MAX * (attempt + 1)));
    }
    throw new CalfbotError('STORE_CONFLICT', 'Too many concurrent updates to one conversation.');
  }

  private async forget(key: string, meta: EventMeta): Promise<TurnOutcome> {
    let removed = 0;
    if (meta.user) {
      removed = await this.store.forgetUser(meta.user);
      await this.rateLimit?.limiter.forget?.(meta.user);
    }
    const stillThere = await this.store.get(key);
    // Someone else's conversation (a shared thread) is theirs to forget, not this user's.
    if (stillThere && (!stillThere.user || !meta.user || stillThere.user === meta.user)) {
      await this.store.delete(key);
      removed++;
    }
    return { outcome: 'ok', replies: [{ kind: 'text', text: copy.forgotten(removed) }], conversation: null };
  }
}

const warning = (text: string): Reply => ({ kind: 'text', text, tone: 'warning' });

/** A turn that did not reach the conversation. */
const refusal = (outcome: Outcome, replies: Reply[]): TurnOutcome => ({
  outcome,
  replies,
  conversation: null,
});

const isStale = (o: TurnOutcome): boolean =>
  o.target !== undefined &&
  o.target.fate !== 'open' &&
  o.target.fate !== 'answered' &&
  o.target.fate !== 'news';

const unchanged = (before: ConversationState, after: ConversationState): boolean =>
  JSON.stringify({ ...before, updatedAt: 0 }) === JSON.stringify({ ...after, updatedAt: 0 });
