/**
 * The conversation machine's own types: the plain, versioned state it keeps between turns.
 * The vocabulary shared with every other layer (Reply, UserEvent, Choice, triage levels) lives in
 * src/vocabulary.ts.
 */
import type { Knowledge } from '../knowledge/schema.js';
import type { WrittenFor } from '../understanding/someone-else.js';
import type { Choice, Command, Reply, Triage, UserEvent } from '../vocabulary.js';
import type { HeldDose, Spoken } from './upper-limit.js';

/** What one step of the machine is given besides the state and the event. */
export interface StepContext {
  knowledge: Knowledge;
  /** A care.yaml region code ("~UK" when only guessed from a client language). */
  region: string;
  now: number;
}

export interface StepResult {
  state: ConversationState;
  replies: Reply[];
  /**
   * The replies name the platform's region: its emergency number, urgent care or doctor (an
   * assessment, or a follow-up after one). False when they cannot (a question, help) or when the
   * person typed where they are. A platform look-up (Slack's users.info) is paid only when true.
   */
  regional: boolean;
}

/** What the machine takes: any UserEvent but `forget`, which the Bot carries out on the store. */
export type MachineEvent =
  | Exclude<UserEvent, { kind: 'command' }>
  | { kind: 'command'; command: Exclude<Command, 'forget'>; question?: string };

/** Where the interview is; derived from the state (machine.ts phaseOf), never stored. */
export type Phase = 'new' | 'screening' | 'questioning' | 'assessed';

/** The question currently waiting for an answer. */
export interface PendingQuestion {
  id: string;
  type: 'yes_no' | 'multi';
  /** Finding ids the question asks about (one for yes_no). */
  findings: string[];
  /** Question group id (multi) or finding id (yes_no). */
  topic: string;
  /** A multi question already answered "not sure" once: a second "not sure" moves on. */
  unsureOnce?: boolean;
}

/** A finished step of the interview, kept so "go back" can undo it. */
export interface AnsweredStep {
  question: PendingQuestion;
  /** The findings this answer set, with what they were before (undefined = unknown). */
  changes: Array<{ finding: string; before: Choice | null; after: Choice }>;
}

/** 2: `phase` (derived now) and the never-read `volunteered` are gone (upgrade.ts migrates 1). */
export const STATE_SCHEMA_VERSION = 2;

export interface ConversationState {
  schema: typeof STATE_SCHEMA_VERSION;
  /** What is known: finding id → yes / no / unsure. */
  findings: Record<string, Choice>;
  pending: PendingQuestion | null;
  history: AnsweredStep[];
  /** Sequence number for question ids, so a stale click can be told apart. */
  seq: number;
  /** Number of questions asked in this interview. */
  asked: number;
  assessment: { triage: Triage; causes: string[] } | null;
  /** Where the person said they are (a care.yaml region), over the platform's or the default. */
  region?: string;
  /**
   * Questions asked in this check and then left unanswered (replaced, taken back by "go back"),
   * newest last and at most EARLIER_KEPT: a late click on one still names its warning sign.
   * Absent in states written before it (read as none).
   */
  earlier?: PendingQuestion[];
  /**
   * Who the calves belong to, when the opening was written for someone else ("my 8 year old son
   * gets achy legs"): calfbot says once that "you" means them. Absent when it is the writer's own.
   */
  about?: WrittenFor;
  /**
   * The age said for the person with the sore calves, as a number: a child's upper limits go by
   * it. Absent when none was said.
   */
  age?: number;
  /**
   * Amounts of a supplement said before the assessment (in the opening, or beside an answer), as
   * ids and numbers only, never as typed: compared with the limits right after the assessment.
   */
  doses?: HeldDose[];
  /** The supplement spoken of last, for an amount said without one ("so is 400mg ok for her?"). */
  spoken?: Spoken;
  /** Or the painkiller spoken of last ("what about 1000mg every 2 hours?"), by its knowledge name. */
  painkiller?: string;
  startedAt: number;
  updatedAt: number;
}
