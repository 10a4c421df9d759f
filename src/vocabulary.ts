/**
 * The words every layer shares: triage levels and their ranks, what a user does (UserEvent) and
 * what the bot says (Reply). It sits below everything: knowledge, understanding, triage, the store,
 * the conversation machine and the adapters import it; it imports nothing.
 */

export const TRIAGE_LEVELS = ['self_care', 'see_doctor', 'urgent', 'emergency'] as const;
export type Triage = (typeof TRIAGE_LEVELS)[number];
export const triageRank = (t: Triage): number => TRIAGE_LEVELS.indexOf(t);

export type Choice = 'yes' | 'no' | 'unsure';
/**
 * `start` is a bare "/calves": resume the conversation (help and the waiting question again) or
 * begin one (a greeting after nothing, a new check after a finished one).
 */
export const COMMANDS = ['restart', 'forget', 'help', 'why', 'back', 'start'] as const;
export type Command = (typeof COMMANDS)[number];

/**
 * One thing a user did, already parsed out of a platform payload. Words are sent as text: the
 * core reads typed commands ("restart", "forget me") out of them, once. `question` on text and
 * commands names the question message they came from (a "why" button, a form opened from a
 * question), so the turn can say what became of that question.
 */
export type UserEvent =
  | { kind: 'text'; text: string; question?: string }
  | { kind: 'answer'; question: string; choice: Choice }
  | { kind: 'select'; question: string; selected: string[] }
  | { kind: 'command'; command: Command; question?: string };

/** Who did it and under which platform event id (for dedupe); never logged with the text. */
export interface EventMeta {
  user?: string;
  eventId?: string;
  /**
   * The region the platform suggests for this person (a care.yaml code from their Slack or Discord
   * locale). `tentative` when it is only a guess from a client language: the emergency number then
   * comes with "or your local emergency number". A region the person types wins over both.
   */
  region?: RegionHint;
  /**
   * Where the platform's hint costs a call (Slack's users.info), the call itself: the Bot makes it
   * only when a reply names a region's numbers (an assessment, a follow-up), and only when
   * `region` is not given. It never rejects; null gives no hint.
   */
  lookUpRegion?: () => Promise<RegionHint | null>;
}

/** A region a platform suggests, as a care.yaml code; `tentative` when only guessed. */
export interface RegionHint {
  code: string;
  tentative?: boolean;
}

/** A finding with its label, as the questions word it ("Unusual tiredness"). */
export interface QuestionOption {
  finding: string;
  label: string;
}

export interface SourceRef {
  id: string;
  title: string;
  publisher: string;
  url: string;
}

export interface RankedCause {
  id: string;
  /** Findings this cause rests on, with their labels. */
  because: QuestionOption[];
  /** Human name of the cause, e.g. "Low magnesium". */
  name: string;
  /** One plain sentence about it, for the assessment. */
  summary: string;
  score: number;
}

export type Reply =
  | { kind: 'text'; text: string; tone?: 'info' | 'warning' | 'error'; sources?: SourceRef[] }
  | {
      kind: 'question';
      question: string;
      type: 'yes_no';
      finding: string;
      text: string;
      why: string;
    }
  | {
      kind: 'question';
      question: string;
      type: 'multi';
      options: QuestionOption[];
      text: string;
      why: string;
    }
  | AssessmentReply;

export interface AssessmentReply {
  kind: 'assessment';
  triage: Triage;
  /** Short headline for the triage level ("Call 999 now"). */
  headline: string;
  /** What to do next, most important first. */
  nextSteps: string[];
  causes: RankedCause[];
  /** Plain explanation, several short paragraphs. */
  text: string;
  /** Things to watch for that should change the plan. */
  watchFor: string[];
  /** An honest word on the evidence (how strong it is, upper limits, the supplements caution). */
  evidence?: string[];
  /** For see_doctor: what to tell the doctor (reported findings, blood tests to ask about). */
  doctorSummary?: string;
  /** Set when no cause fits what the person said: says so plainly (then `causes` is empty). */
  unexplained?: string;
  sources: SourceRef[];
  disclaimer: string;
}

export type QuestionReply = Extract<Reply, { kind: 'question' }>;
