/**
 * The development vignettes (test/vignettes/dev.json, a copy of the clinical judge's development
 * set) played the way the judge plays them: open with the vignette's text, then answer each
 * question from its findings, by buttons or in words, until the assessment.
 */
import { readFileSync } from 'node:fs';
import type { QuestionReply, Reply, UserEvent } from '../src/vocabulary.js';
import { VIGNETTES } from './paths.js';

export interface Vignette {
  id: string;
  opening: string;
  findings?: Record<string, boolean>;
  unsure?: string[];
}

export type AnswerMode = 'buttons' | 'words';

export const MAX_TURNS = 40;
const YES = ['yes', 'yeah', 'yes it is', 'yep'];
const NO = ['no', 'nope', 'no, not that', "no I don't think so"];
const UNSURE = ['not sure', "I don't know", 'no idea'];
const pick = (list: string[], n: number): string => list[n % list.length]!;

export function loadVignettes(file = VIGNETTES): Vignette[] {
  return JSON.parse(readFileSync(file, 'utf8')) as Vignette[];
}

/** The event the judge would send in answer to `question` on turn `turn`. */
export function answerFor(question: QuestionReply, v: Vignette, turn: number, mode: AnswerMode): UserEvent {
  const present = (f: string) => v.findings?.[f] === true;
  if (question.type === 'multi') {
    const selected = question.options.filter((o) => present(o.finding));
    if (mode === 'buttons')
      return { kind: 'select', question: question.question, selected: selected.map((o) => o.finding) };
    const text = selected.length
      ? selected.map((o) => o.label).join(', and ')
      : pick(['none of those', 'none of them'], turn);
    return { kind: 'text', text };
  }
  const f = question.finding;
  const choice = present(f) ? 'yes' : (v.unsure ?? []).includes(f) ? 'unsure' : 'no';
  if (mode === 'buttons') return { kind: 'answer', question: question.question, choice };
  return { kind: 'text', text: pick(choice === 'yes' ? YES : choice === 'no' ? NO : UNSURE, turn) };
}

/** What to send after `replies`, or null when the conversation is over (assessment or stall). */
export function nextEvent(replies: Reply[], v: Vignette, turn: number, mode: AnswerMode): UserEvent | null {
  if (turn + 1 >= MAX_TURNS || replies.some((r) => r.kind === 'assessment')) return null;
  const question = replies.filter((r): r is QuestionReply => r.kind === 'question').at(-1);
  return question ? answerFor(question, v, turn, mode) : null;
}

/** Play one vignette through an async `send`; returns the number of turns. */
export async function playVignette(
  v: Vignette,
  mode: AnswerMode,
  send: (event: UserEvent, turn: number) => Promise<Reply[]>,
  stopAfter = MAX_TURNS,
): Promise<number> {
  let event: UserEvent | null = { kind: 'text', text: v.opening };
  let turn = 0;
  while (event && turn < stopAfter) {
    const replies = await send(event, turn);
    event = nextEvent(replies, v, turn, mode);
    turn++;
  }
  return turn;
}
