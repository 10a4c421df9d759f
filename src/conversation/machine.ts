/**
 * The conversation machine: a pure function of (state, event, knowledge) → (state, replies).
 *
 *   new ──text──▶ screening (red-flag screen) ──▶ questioning ──▶ assessed
 *    ▲                                                               │
 *    └────────────────────────── restart ◀───────────────────────────┘
 *
 * Every state accepts restart, help, forget, why, back, a button answer and free text.
 */
import type { Knowledge } from '../knowledge/schema.js';
import { evaluate } from '../triage/evaluate.js';
import { applyImplications } from '../triage/implications.js';
import { nextQuestion } from '../triage/next-question.js';
import { classifyAnswer } from '../understanding/classify-answer.js';
import { extractFindings } from '../understanding/extract-findings.js';
import { parseCommand } from '../understanding/parse-command.js';
import { parseSelection } from '../understanding/parse-selection.js';
import { readRegion } from '../understanding/read-region.js';
import { type Choice, type Command, type Reply, triageRank, type UserEvent } from '../vocabulary.js';
import { composeAssessment, regionOf } from './compose-assessment.js';
import { copy } from './copy.js';
import { answerFollowUp } from './follow-up.js';
import { freshState } from './fresh-state.js';
import type { ConversationState, PendingQuestion } from './types.js';

export interface StepContext {
  knowledge: Knowledge;
  region: string;
  now: number;
}

export interface StepResult {
  state: ConversationState;
  replies: Reply[];
}

export function step(state: ConversationState | null, event: UserEvent, baseCtx: StepContext): StepResult {
  const s: ConversationState = state ? structuredClone(state) : freshState(baseCtx.now);
  s.updatedAt = baseCtx.now;
  if (event.kind === 'text') {
    const said = readRegion(event.text);
    if (said && baseCtx.knowledge.care.regions[said]) s.region = said;
  }
  // A region the person typed wins over the platform's locale and the configured default.
  const ctx: StepContext = s.region ? { ...baseCtx, region: s.region } : baseCtx;
  return withOpenQuestion(dispatch(s, state, event, ctx), ctx);
}

/**
 * Nothing a person types ends the conversation: while a question is open, every reply carries
 * it (after "nothing to go back to", an empty message, a stale click...).
 */
function withOpenQuestion(result: StepResult, ctx: StepContext): StepResult {
  const pending = result.state.pending;
  if (!pending || result.replies.some((r) => r.kind === 'question' || r.kind === 'assessment')) return result;
  return { ...result, replies: [...result.replies, questionReply(pending, ctx.knowledge)] };
}

function dispatch(
  s: ConversationState,
  state: ConversationState | null,
  event: UserEvent,
  ctx: StepContext,
): StepResult {
  switch (event.kind) {
    case 'command':
      return onCommand(s, event.command, ctx);
    case 'answer':
      return onAnswer(s, state === null, event.question, (p) => applyChoice(p, event.choice), ctx);
    case 'select':
      return onAnswer(
        s,
        state === null,
        event.question,
        (p) => applySelection(p, event.selected, [], ctx),
        ctx,
      );
    case 'text':
      return onText(s, event.text, ctx);
  }
}

// ── answers ────────────────────────────────────────────────────────────────

type Apply = (pending: PendingQuestion) => Array<[string, Choice]> | { error: string };

function applyChoice(pending: PendingQuestion, choice: Choice): Array<[string, Choice]> | { error: string } {
  if (pending.type !== 'yes_no') return { error: copy.nudgeMulti };
  return [[pending.findings[0]!, choice]];
}

function applySelection(
  pending: PendingQuestion,
  selected: string[],
  unsure: string[],
  ctx: StepContext,
): Array<[string, Choice]> | { error: string } {
  if (pending.type !== 'multi') {
    // A one-option "selection" for a yes/no question still says yes or no.
    return [[pending.findings[0]!, selected.includes(pending.findings[0]!) ? 'yes' : 'no']];
  }
  const unknown = selected.filter((f) => !pending.findings.includes(f));
  if (unknown.length > 0) {
    const known = unknown.every((f) => ctx.knowledge.findings.has(f));
    return { error: known ? copy.notAnOption : copy.nudgeMulti };
  }
  return pending.findings.map((f): [string, Choice] => [
    f,
    selected.includes(f) ? 'yes' : unsure.includes(f) ? 'unsure' : 'no',
  ]);
}

function onAnswer(
  s: ConversationState,
  isNew: boolean,
  questionId: string,
  apply: Apply,
  ctx: StepContext,
): StepResult {
  if (isNew) return { state: s, replies: [{ kind: 'text', text: copy.conversationGone }] };
  if (s.phase === 'assessed') return { state: s, replies: [{ kind: 'text', text: copy.checkFinished }] };
  if (!s.pending) return { state: s, replies: [{ kind: 'text', text: copy.noPending }] };
  if (s.pending.id !== questionId) {
    return { state: s, replies: [{ kind: 'text', text: copy.staleAnswer }, askAgain(s, ctx)] };
  }
  const changes = apply(s.pending);
  if ('error' in changes) return { state: s, replies: [{ kind: 'text', text: changes.error }] };
  record(s, s.pending, changes);
  return advance(s, ctx, []);
}

/** Set findings from an answer and remember how to undo it. */
function record(s: ConversationState, question: PendingQuestion, changes: Array<[string, Choice]>): void {
  s.history.push({
    question,
    changes: changes.map(([finding, after]) => ({ finding, before: s.findings[finding] ?? null, after })),
  });
  for (const [finding, choice] of changes) s.findings[finding] = choice;
  s.pending = null;
}

/**
 * Add what free text volunteered: unknown findings are set; a newly present finding overrides.
 * A correction ("sorry, not the statin") may also take back an earlier yes, except a warning
 * sign: free text never talks a red flag away.
 */
function absorb(
  s: ConversationState,
  found: Map<string, Choice>,
  knowledge?: Knowledge,
  correcting = false,
): string[] {
  const changed: string[] = [];
  for (const [finding, choice] of found) {
    const before = s.findings[finding];
    const takeBack =
      correcting && choice === 'no' && before === 'yes' && !knowledge?.findings.get(finding)?.red_flag;
    if (before === undefined || (choice === 'yes' && before !== 'yes') || takeBack) {
      s.findings[finding] = choice;
      if (!s.volunteered.includes(finding)) s.volunteered.push(finding);
      changed.push(finding);
    }
  }
  return changed;
}

// ── free text ──────────────────────────────────────────────────────────────

function onText(s: ConversationState, raw: string, ctx: StepContext): StepResult {
  const text = raw.trim();
  const command = parseCommand(text);
  if (command) return onCommand(s, command, ctx);
  if (text.length === 0) return { state: s, replies: [{ kind: 'text', text: copy.emptyMessage }] };
  const { knowledge } = ctx;

  if (s.phase === 'new') {
    absorb(s, extractFindings(text, knowledge));
    return advance(s, ctx, [{ kind: 'text', text: knowledge.disclaimers.greeting }]);
  }

  if (s.phase === 'assessed') {
    const before = s.assessment?.triage ?? 'self_care';
    const found = extractFindings(text, knowledge);
    const followUp = answerFollowUp(text, knowledge, {
      triage: before,
      causes: s.assessment?.causes ?? [],
      fill: regionOf(knowledge, ctx.region).fill,
    });
    const changed = absorb(s, found);
    if (changed.length > 0 && triageRank(evaluate(knowledge, s.findings).triage) > triageRank(before)) {
      // Something new and more serious: the advice changes now.
      return assess(s, ctx, [{ kind: 'text', text: copy.newInformation }]);
    }
    if (followUp) return { state: s, replies: [followUp] };
    return { state: s, replies: [{ kind: 'text', text: copy.afterAssessmentNudge }] };
  }

  const pending = s.pending;
  if (!pending) return advance(s, ctx, []);
  const correcting = isCorrection(text);
  if (pending.type === 'yes_no') {
    const found = extractFindings(text, knowledge, { expecting: pending.findings });
    const finding = pending.findings[0]!;
    const choice = found.get(finding) ?? classifyAnswer(text);
    found.delete(finding);
    const changed = absorb(s, found, knowledge, correcting);
    if (choice) {
      record(s, pending, [[finding, choice]]);
      return advance(s, ctx, []);
    }
    if (changed.length > 0) return advance(s, ctx, [], pending);
    return askAgainWith(s, ctx, copy.nudgeYesNo);
  }
  const options = pending.findings.map((f) => ({ finding: f, label: knowledge.findings.get(f)!.label }));
  const selection = parseSelection(text, options, knowledge);
  // Our own option labels, repeated back, are answers to this question and nothing else
  // ("... covered skin, darker skin" is about sunlight, not a darker calf).
  const beyondLabels = extractFindings(withoutLabels(text, options), knowledge, { expecting: pending.findings });
  for (const f of pending.findings) beyondLabels.delete(f);
  const changed = absorb(s, beyondLabels, knowledge, correcting);
  if (selection?.kind === 'selected') {
    const result = applySelection(pending, selection.findings, selection.unsure ?? [], ctx);
    if (!('error' in result)) {
      record(s, pending, result);
      return advance(s, ctx, []);
    }
  }
  if (changed.length > 0) return advance(s, ctx, [], pending);
  if (selection?.kind === 'out_of_range') return askAgainWith(s, ctx, copy.outOfRange(selection.max));
  if (selection?.kind === 'unclear') {
    const numbered = selection.suggestions.map(
      (f) => `${pending.findings.indexOf(f) + 1}. ${knowledge.findings.get(f)!.label}`,
    );
    return askAgainWith(s, ctx, copy.didYouMean(numbered));
  }
  return askAgainWith(s, ctx, selection?.kind === 'unsure' ? copy.unsureMulti : copy.nudgeMulti);
}

/** The waiting question again, after a short line: nothing a person types ends the conversation. */
function askAgainWith(s: ConversationState, ctx: StepContext, line: string): StepResult {
  return { state: s, replies: [{ kind: 'text', text: line }, askAgain(s, ctx)] };
}

/** "sorry, not the statin", "actually no", "I mean...": an earlier answer is being corrected. */
function isCorrection(text: string): boolean {
  return /\b(sorry|actually|i mean|i meant|correction|scratch that|wait|oops|my mistake|not the)\b/i.test(text);
}

function withoutLabels(text: string, options: ReadonlyArray<{ label: string }>): string {
  let rest = text;
  for (const { label } of options) {
    rest = rest.replace(new RegExp(label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' , ');
  }
  return rest;
}

// ── commands ───────────────────────────────────────────────────────────────

function onCommand(s: ConversationState, command: Command, ctx: StepContext): StepResult {
  switch (command) {
    case 'restart': {
      const fresh = freshState(ctx.now, s.seq);
      if (s.region) fresh.region = s.region;
      return advance(fresh, ctx, [{ kind: 'text', text: copy.restarted }]);
    }
    case 'forget':
      return { state: freshState(ctx.now, s.seq), replies: [{ kind: 'text', text: copy.forgotten(1) }] };
    case 'help': {
      // Repeat the waiting question so it can be answered from here (ephemeral messages vanish).
      const waiting = s.pending ? [questionReply(s.pending, ctx.knowledge)] : [];
      return { state: s, replies: [{ kind: 'text', text: copy.help }, ...waiting] };
    }
    case 'why': {
      if (!s.pending) return { state: s, replies: [{ kind: 'text', text: copy.noQuestionToExplain }] };
      return askAgainWith(s, ctx, whyOf(s.pending, ctx.knowledge));
    }
    case 'back': {
      const last = s.history.pop();
      if (!last) return { state: s, replies: [{ kind: 'text', text: copy.nothingToUndo }] };
      for (const c of last.changes) {
        if (c.before === null) delete s.findings[c.finding];
        else s.findings[c.finding] = c.before;
      }
      s.assessment = null;
      s.phase = last.question.topic === 'red_flags' ? 'screening' : 'questioning';
      s.asked = Math.max(0, s.asked - 1);
      return ask(
        s,
        ctx,
        [{ kind: 'text', text: copy.wentBack }],
        last.question.topic,
        last.question.findings,
      );
    }
  }
}

// ── asking and assessing ───────────────────────────────────────────────────

/** Ask the next question, or give the assessment when no answer could change it. */
function advance(
  s: ConversationState,
  ctx: StepContext,
  replies: Reply[],
  keep?: PendingQuestion,
): StepResult {
  applyImplications(ctx.knowledge, s.findings);
  const next = nextQuestion(ctx.knowledge, s.findings, s.asked);
  if (!next) return assess(s, ctx, replies);
  if (keep && keep.topic === next.group.id && sameList(keep.findings, next.findings)) {
    s.pending = keep;
    return { state: s, replies: [...replies, questionReply(keep, ctx.knowledge)] };
  }
  if (keep) s.asked = Math.max(0, s.asked - 1);
  return ask(s, ctx, replies, next.group.id, next.findings);
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function ask(
  s: ConversationState,
  ctx: StepContext,
  replies: Reply[],
  topic: string,
  findings: string[],
): StepResult {
  s.seq += 1;
  s.asked += 1;
  const screen = ctx.knowledge.groups.find((g) => g.id === topic)?.screen ?? false;
  s.phase = screen || topic === 'red_flags' ? 'screening' : 'questioning';
  const single = findings.length === 1;
  s.pending = {
    id: `q${s.seq}.${s.startedAt.toString(36)}`,
    type: single ? 'yes_no' : 'multi',
    findings,
    topic,
  };
  return { state: s, replies: [...replies, questionReply(s.pending, ctx.knowledge)] };
}

function assess(s: ConversationState, ctx: StepContext, replies: Reply[]): StepResult {
  applyImplications(ctx.knowledge, s.findings);
  const assessment = composeAssessment(ctx.knowledge, s.findings, ctx.region);
  s.phase = 'assessed';
  s.pending = null;
  s.assessment = { triage: assessment.triage, causes: assessment.causes.map((c) => c.id) };
  return { state: s, replies: [...replies, assessment] };
}

function questionReply(p: PendingQuestion, knowledge: Knowledge): Reply {
  if (p.type === 'yes_no') {
    const f = knowledge.findings.get(p.findings[0]!)!;
    return { kind: 'question', question: p.id, type: 'yes_no', finding: f.id, text: f.question, why: f.why };
  }
  const group = knowledge.groups.find((g) => g.id === p.topic)!;
  return {
    kind: 'question',
    question: p.id,
    type: 'multi',
    options: p.findings.map((f) => ({ finding: f, label: knowledge.findings.get(f)!.label })),
    text: group.text,
    why: group.why,
  };
}

function askAgain(s: ConversationState, ctx: StepContext): Reply {
  return questionReply(s.pending!, ctx.knowledge);
}

function whyOf(p: PendingQuestion, knowledge: Knowledge): string {
  if (p.type === 'yes_no') return knowledge.findings.get(p.findings[0]!)!.why;
  return knowledge.groups.find((g) => g.id === p.topic)!.why;
}
