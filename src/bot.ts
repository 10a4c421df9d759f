/**
 * The one path every message takes: load the conversation (with its version), run the pure
 * machine, save with compare-and-set (retry on a lost race), return platform-neutral replies.
 * Adapters call `bot.handle(key, event, meta)` and render what comes back.
 */

import { copy } from './conversation/copy.js';
import { step } from './conversation/machine.js';
import type { ConversationState, EventMeta, Reply, UserEvent } from './conversation/types.js';
import { upgradeState } from './conversation/upgrade.js';
import { CalfbotError, isCalfbotError } from './errors.js';
import type { Knowledge } from './knowledge/schema.js';
import { type Logger, silentLogger } from './log.js';
import { RATE_LIMIT_WINDOW_MS, type RateLimiter } from './store/rate-limiter.js';
import {
  CONVERSATION_TTL_HOURS_DEFAULT,
  type ConversationRecord,
  type ConversationStore,
  EVENT_KEEP_MIN_MS,
} from './store/types.js';
import { stripControl } from './understanding/normalize.js';
import { parseCommand } from './understanding/parse-command.js';

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

export interface HandleResult {
  replies: Reply[];
  /** True when this event id was already processed: nothing changed. */
  duplicate: boolean;
  /** True when the per-user rate limit refused this message (the reply says to slow down). */
  rateLimited?: boolean;
  /**
   * True when the replies only repeat a refusal the user already had in this window ("slow
   * down"): a platform that need not answer every message may post nothing.
   */
  quiet?: boolean;
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
    this.ttlMs = (options.conversationTtlHours ?? CONVERSATION_TTL_HOURS_DEFAULT) * 3_600_000;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
    this.rateLimit = options.rateLimit;
  }

  private readonly inFlight = new Set<Promise<HandleResult>>();
  /**
   * The last turn queued for each conversation. Turns of one conversation run one after another in
   * this process, in arrival order, so they never race each other for the compare-and-set (a burst
   * in one conversation would otherwise exhaust the retries); other processes may still race.
   */
  private readonly tails = new Map<string, Promise<HandleResult>>();

  /** Handle one user event in one conversation. Never throws for user input or store outages. */
  async handle(key: string, event: UserEvent, meta: EventMeta = {}): Promise<Reply[]> {
    return (await this.handleDetailed(key, event, meta)).replies;
  }

  handleDetailed(key: string, event: UserEvent, meta: EventMeta = {}): Promise<HandleResult> {
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

  private async run(key: string, incoming: UserEvent, meta: EventMeta): Promise<HandleResult> {
    const started = this.now();
    let event = incoming;
    try {
      if (incoming.kind === 'text') event = { kind: 'text', text: stripControl(incoming.text) };
      if (event.kind === 'text' && event.text.length > MAX_TEXT_CHARS) {
        this.logger.info({ event: 'turn', kind: event.kind, outcome: 'too_long' }, 'turn refused');
        return {
          replies: [{ kind: 'text', text: copy.tooLong(MAX_TEXT_CHARS), tone: 'warning' }],
          duplicate: false,
        };
      }
      const command =
        event.kind === 'command' ? event.command : event.kind === 'text' ? parseCommand(event.text) : null;
      // Forgetting is never rate-limited: deleting your data must always work.
      const result =
        command === 'forget'
          ? await this.forget(key, meta)
          : await this.turn(key, event, meta, this.rateLimit);
      // A refusal was logged as such; one line per turn either way.
      if (!result.rateLimited)
        this.logger.info(
          { event: 'turn', kind: event.kind, duplicate: result.duplicate, ms: this.now() - started },
          'turn done',
        );
      return result;
    } catch (error) {
      // Even a malformed event (from a buggy adapter) ends in an answer, never a rejection.
      const kind = (event as Partial<UserEvent> | null)?.kind;
      if (isCalfbotError(error, 'STORE_UNAVAILABLE')) {
        this.logger.warn({ event: 'turn', kind, code: error.code }, 'store unavailable');
        return { replies: [{ kind: 'text', text: copy.storeDown, tone: 'error' }], duplicate: false };
      }
      this.logger.error(
        {
          event: 'turn',
          kind,
          err: { name: (error as Error | null)?.name, code: (error as CalfbotError | null)?.code },
        },
        'turn failed',
      );
      return { replies: [{ kind: 'text', text: copy.internalError, tone: 'error' }], duplicate: false };
    }
  }

  private async turn(
    key: string,
    event: UserEvent,
    meta: EventMeta,
    rateLimit: BotOptions['rateLimit'],
  ): Promise<HandleResult> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS_MAX; attempt++) {
      const record = await this.store.get(key);
      // Processed ids are kept by time, apart from the record (they outlive a forgotten one).
      if (
        meta.eventId &&
        // A record written before the events moved out still lists its last ids (a rolling deploy).
        (record?.processed.some((p) => p.id === meta.eventId) ||
          (await this.store.hasEvent(key, meta.eventId)))
      ) {
        return { replies: [], duplicate: true };
      }
      // A conversation belongs to the person who started it: no one else answers for them.
      if (record?.user && meta.user && record.user !== meta.user) {
        this.logger.info({ event: 'turn', kind: event.kind, outcome: 'not_owner' }, 'turn refused');
        return { replies: [{ kind: 'text', text: copy.notYourCheck }], duplicate: false };
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
            replies: [{ kind: 'text', text: copy.ratedLimited, tone: 'warning' }],
            duplicate: false,
            rateLimited: true,
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
      const out = step(state, event, { knowledge: this.knowledge, region: this.region, now });
      const replies = [...preface, ...out.replies];
      // A late click on a conversation that is gone (expired, forgotten) brings nothing back.
      if (!record && (event.kind === 'answer' || event.kind === 'select'))
        return { replies, duplicate: false };
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
      if (await this.store.compareAndSet(key, record?.version ?? 0, next, mark))
        return { replies, duplicate: false };
      this.logger.debug({ event: 'cas_retry', attempt }, 'lost a race, retrying on fresh state');
      // Another process won: step aside for a moment (jittered) so the retries do not collide again.
      await new Promise((r) => setTimeout(r, Math.random() * CAS_BACKOFF_MS_MAX * (attempt + 1)));
    }
    throw new CalfbotError('STORE_CONFLICT', 'Too many concurrent updates to one conversation.');
  }

  private async forget(key: string, meta: EventMeta): Promise<HandleResult> {
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
    return { replies: [{ kind: 'text', text: copy.forgotten(removed) }], duplicate: false };
  }
}
