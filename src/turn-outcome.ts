/**
 * What one turn did, in full: everything an adapter needs to render and post it, so no adapter
 * reads the store. Computed inside the Bot's compare-and-set turn.
 */
import type { Choice, Command, Reply } from './vocabulary.js';

export const OUTCOMES = [
  'ok',
  /** This event id was already processed: nothing changed and there is nothing to say. */
  'duplicate',
  /** The per-user rate limit refused the message (the reply says to slow down). */
  'rate_limited',
  /** The message was longer than MAX_TEXT_CHARS and was not read. */
  'too_long',
  /** Someone other than the person who started the check answered it (the reply says whose it is). */
  'not_owner',
  /** The store could not be reached (the reply says so). */
  'store_unavailable',
  /** Something unexpected failed (the reply apologises). */
  'failed',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How a question was answered: the yes / no / not sure of a yes-no question, or the picks. */
export interface GivenAnswer {
  /** Set for a yes / no / not sure question. */
  choice?: Choice;
  /** For a multi question: the labels of the picked options, in option order ([] = none of these). */
  picked?: string[];
}

/**
 * What became of a question the event named (a click, a form opened from a question message):
 * - answered: this turn answered it;
 * - open: it was and still is the waiting question (a nudge, "why");
 * - superseded: another question is waiting (`answer` tells how this one was answered, if it was);
 * - closed: the conversation is waiting for nothing (the check is finished);
 * - gone: there is no conversation (it ended, was forgotten or expired);
 * - news: it was no longer open, but the click said yes to a warning sign not known yet, which
 *   was taken as new (`answer` tells what); the replies say what that changes, so post them.
 */
export type QuestionFate = 'answered' | 'open' | 'superseded' | 'closed' | 'gone' | 'news';

export interface TurnOutcome {
  outcome: Outcome;
  replies: Reply[];
  /**
   * True when the replies only repeat a refusal the user already had in this window ("slow
   * down"): a platform that need not answer every message may post nothing.
   */
  quiet?: boolean;
  /** The conversation as the turn left it; null when the turn did not reach it (refused, store down). */
  conversation: {
    /** When it started (epoch ms): platforms stamp it on buttons to tell conversations apart. */
    startedAt: number;
    /** The question waiting for an answer now, if any. */
    open: string | null;
  } | null;
  /** The command the turn carried out, when the event was one or the words were one ("start over"). */
  command?: Command;
  /** The question the event named, and what became of it. */
  target?: { question: string; fate: QuestionFate; answer?: GivenAnswer };
  /**
   * The question that was waiting before this turn and no longer is (answered, replaced by
   * "back" or "restart", or finished by the assessment): its message is spent.
   */
  closed?: { question: string; answer?: GivenAnswer };
}
