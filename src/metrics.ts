/**
 * Prometheus metrics (prom-client), on a registry of calfbot's own. Labels are closed sets chosen
 * here (outcome, advice level, platform, operation): never a user id, a conversation key, a word
 * the user typed or a finding, so /metrics can be scraped by anyone who can reach it.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Bot } from './bot.js';
import { FeedbackCounts } from './feedback.js';
import type { TurnOutcome as Outcome } from './turn-outcome.js';

/** The `outcome` label: the Bot's outcome, with an ok turn split by what it answered. */
export type TurnOutcome =
  | 'assessment'
  | 'question'
  | 'text'
  | 'duplicate'
  | 'rate_limited'
  | 'too_long'
  | 'store_unavailable'
  | 'error';

const ADVICE = new Set(['emergency', 'urgent', 'see_doctor', 'self_care']);

export class Metrics {
  readonly registry = new Registry();
  private readonly turns = new Counter({
    name: 'calfbot_turns_total',
    help: 'Turns handled, by outcome and (for assessments) advice level',
    labelNames: ['outcome', 'advice'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'calfbot_turn_duration_seconds',
    help: 'Time from receiving a user event to having its replies, in seconds',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly storeErrors = new Counter({
    name: 'calfbot_store_errors_total',
    help: 'Store failures: turns answered with "try again later", and failed readiness checks',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'calfbot_rate_limited_turns_total',
    help: 'Messages refused by the per-user rate limit',
    registers: [this.registry],
  });
  private readonly connections = new Map<string, () => boolean>();
  /** "Was this helpful?" answers, by advice level and verdict only (platforms record here). */
  readonly feedback = new FeedbackCounts();

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    const connections = this.connections;
    new Gauge({
      name: 'calfbot_platform_connected',
      help: '1 while the platform connection is up (Slack, Discord), else 0',
      labelNames: ['platform'] as const,
      registers: [this.registry],
      collect() {
        for (const [platform, up] of connections) this.set({ platform }, up() ? 1 : 0);
      },
    });
    const feedback = new Counter({
      name: 'calfbot_feedback_total',
      help: '"Was this helpful?" answers to assessments, by advice level and verdict',
      labelNames: ['advice', 'verdict'] as const,
      registers: [this.registry],
    });
    this.feedback.onRecord((advice, verdict) => feedback.inc({ advice, verdict }));
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'calfbot_' });
  }

  /** Report `platform`'s connection state at every scrape. */
  watchConnection(platform: 'slack' | 'discord', connected: () => boolean): void {
    this.connections.set(platform, connected);
  }

  storeError(operation: 'turn' | 'ready_check'): void {
    this.storeErrors.inc({ operation });
  }

  /** Count one finished turn. */
  turn(result: Outcome, seconds: number): void {
    const outcome = outcomeOf(result);
    const assessment = result.replies.find((r) => r.kind === 'assessment');
    const advice = assessment && ADVICE.has(assessment.triage) ? assessment.triage : 'none';
    this.turns.inc({ outcome, advice });
    this.latency.observe(seconds);
    if (outcome === 'rate_limited') this.rateLimited.inc();
    if (outcome === 'store_unavailable') this.storeError('turn');
  }

  /** Every turn `bot` handles from now on is counted and timed. */
  instrument(bot: Bot): void {
    const handle = bot.handle.bind(bot);
    bot.handle = (...args: Parameters<Bot['handle']>) => {
      const started = process.hrtime.bigint();
      const turn = handle(...args);
      void turn.then(
        (result) => this.turn(result, Number(process.hrtime.bigint() - started) / 1e9),
        () => undefined,
      );
      return turn;
    };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function outcomeOf(result: Outcome): TurnOutcome {
  switch (result.outcome) {
    case 'duplicate':
    case 'rate_limited':
    case 'too_long':
    case 'store_unavailable':
      return result.outcome;
    case 'failed':
      return 'error';
    default:
      if (result.replies.some((r) => r.kind === 'assessment')) return 'assessment';
      if (result.replies.some((r) => r.kind === 'question')) return 'question';
      return 'text';
  }
}
