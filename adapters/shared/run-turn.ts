/**
 * One turn on any platform: hand the event to the Bot, render the TurnOutcome, post it, close
 * the question message the turn spent. Never throws: a failure is logged (by name and code, never
 * text) and the person is told. Platforms supply only rendering and posting.
 */
import type { Bot } from '../../src/bot.js';
import type { Logger } from '../../src/log.js';
import type { TurnOutcome } from '../../src/turn-outcome.js';
import type { EventMeta, UserEvent } from '../../src/vocabulary.js';
import { describeError } from './errors.js';

/** The part of the Bot an adapter uses (the real Bot, or a test double). */
export type TurnBot = Pick<Bot, 'handle'>;

export interface Turn {
  /** Where it came from, for the logs ("slack", "discord"). */
  platform: string;
  /** Which surface of the platform ("dm", "click", ...), for the logs. */
  surface: string;
  key: string;
  event: UserEvent;
  meta: EventMeta;
}

export interface TurnIO<P> {
  /** What to post for this outcome; null posts nothing (a duplicate, a repeated "slow down"). */
  render(outcome: TurnOutcome): P | null;
  /**
   * Deliver it. Gets the plan as a promise, so a platform that must acknowledge within a deadline
   * (Discord) can defer while the turn is still running.
   */
  post(plan: Promise<P | null>): Promise<void>;
  /** After posting: the message of the question this turn closed (outcome.closed) loses its buttons. */
  closeSpent?(outcome: TurnOutcome): Promise<void>;
  /** Tell the person handling their message failed (the platform maps the error to words). */
  apologise(error: unknown): Promise<void>;
}

/** Posts nothing for a duplicate or a refusal already given in this window; else renders. */
export const quietOrRender =
  <P>(render: (outcome: TurnOutcome) => P) =>
  (outcome: TurnOutcome): P | null =>
    outcome.outcome === 'duplicate' || outcome.quiet ? null : render(outcome);

export async function runTurn<P>(
  deps: { bot: TurnBot; logger: Logger },
  turn: Turn,
  io: TurnIO<P>,
): Promise<TurnOutcome | null> {
  const { platform, surface, event } = turn;
  const log = { surface, kind: event.kind };
  try {
    const outcome = deps.bot.handle(turn.key, event, turn.meta);
    await io.post(outcome.then((o) => io.render(o)));
    const done = await outcome;
    if (done.outcome === 'duplicate') {
      deps.logger.info({ event: `${platform}_duplicate`, ...log }, 'duplicate delivery ignored');
      return done;
    }
    if (io.closeSpent && done.closed) await io.closeSpent(done);
    const said = done.quiet ? 'quiet' : done.outcome;
    deps.logger.info({ event: `${platform}_turn`, ...log, outcome: said }, `${platform} turn done`);
    return done;
  } catch (error) {
    deps.logger.error({ event: `${platform}_turn_failed`, ...log, err: describeError(error) }, 'turn failed');
    try {
      await io.apologise(error);
    } catch (reportError) {
      deps.logger.error(
        { event: `${platform}_failure_report_failed`, ...log, err: describeError(reportError) },
        'could not tell the user about a failure',
      );
    }
    return null;
  }
}
