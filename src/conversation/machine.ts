import type { Knowledge } from '../knowledge/schema.js';
import { evaluate } from '../triage/evaluate.js';
import { applyImplications } from '../triage/implications.js';
import { nextQuestion, questionsCounted } from '../triage/next-question.js';
import {
  asksAboutPrivacy,
  asksForTheNumber,
  asksHowSerious,
  asksIfItMatters,
  asksToStop,
  asksWhatItMeans,
  doubtsTheAdvice,
  isCorrection,
  isOwnQuestion,
  meantInstead,
  namesASlip,
  takenBack,
  withoutLabels,
  withoutRestating,
} from '../understanding/answer-text.js';
import { classifyAnswer } from '../understanding/classify-answer.js';
import {
  type ExtractOptions,
  extractFindings,
  extractFindingsAndAge,
} from '../understanding/extract-findings.js';
import { parseSelection } from '../understanding/parse-selection.js';
import { ELSEWHERE, readRegion, TENTATIVE } from '../understanding/read-region.js';
import { writtenFor } from '../understanding/someone-else.js';
import { type Choice, type Command, type Reply, type Triage, triageRank } from '../vocabulary.js';
import { type Apply, absorb, applyChoice, applySelection, record } from './apply-answer.js';
import { Citations, sourcesAsText } from './cite.js';
import { composeAssessment, regionOf, saysOf, soonerStep } from './compose-assessment.js';
import { copy } from './copy.js';
import { answerFollowUp } from './follow-up.js';
import { freshState } from './fresh-state.js';
import { overdoseFindings, painkillerNamed } from './painkiller-amounts.js';
import { phaseOf } from './phase.js';
import { questionReply, whyOf } from './question-reply.js';
import type {
  AnsweredStep,
  ConversationState,
  MachineEvent,
  PendingQuestion,
  StepContext,
  StepResult,
} from './types.js';
import {
  dosesIn,
  fromHeld,
  type HeldDose,
  heldOf,
  type ReadAmounts,
  readAmounts,
  sayDoses,
  spokenOf,
} from './upper-limit.js';

export { phaseOf } from './phase.js';
export type { MachineEvent, StepContext, StepResult } from './types.js';

/** The finding whose question asks about a long trip (findings.yaml clot_risk_factor). */
const TRIP_FINDING = 'clot_risk_factor';

/** What a part of the machine returns: the new state and its replies (step adds `regional`). */
type Turn = Omit<StepResult, 'regional'>;

export function step(state: ConversationState | null, event: MachineEvent, baseCtx: StepContext): StepResult {
  const s: ConversationState = state ? structuredClone(state) : freshState(baseCtx.now);
  s.updatedAt = baseCtx.now;
  if (event.kind === 'text') {
    // While the open question asks about a trip, "Spain." answers it: it is not where they are.
    const answersTrip = s.pending?.findings.includes(TRIP_FINDING) ?? false;
    const said = readRegion(event.text, { answersTrip });
    const code = said?.replace(TENTATIVE, '');
    // A place with no care text (ELSEWHERE) is kept too: "your local emergency number", not 911.
    // A place said only in passing ("~UK") never replaces one the person said plainly.
    const known = code !== undefined && (code === ELSEWHERE || baseCtx.knowledge.care.regions[code]);
    if (said && known && !(said.startsWith(TENTATIVE) && s.region && !s.region.startsWith(TENTATIVE)))
      s.region = said;
  }
  // A region the person typed wins over the platform's locale and the configured default.
  const ctx: StepContext = s.region ? { ...baseCtx, region: s.region } : baseCtx;
  const dispatched = dispatch(s, state, event, ctx);
  const result = movedAfterAnswer(state, s, baseCtx) ? withNumbersHere(dispatched, ctx) : dispatched;
  // A button on a question message (Why, Start over...) leaves that message and its buttons live:
  // the question is not posted again. Anything typed gets the open question with its reply.
  const fromClick = event.kind === 'command' && event.question !== undefined;
  const replies = fromClick ? result.replies : withOpenQuestion(result, ctx);
  // Only knowledge text fills {emergency}, {urgent} and {doctor}: an assessment, or a sourced
  // answer (a follow-up, a reminder); the UI copy never names a region.
  const regional =
    !result.state.region &&
    replies.some((r) => r.kind === 'assessment' || (r.kind === 'text' && (r.sources?.length ?? 0) > 0));
  return { state: result.state, replies, regional };
}

/** "I'm in Boston btw" after the answer: the answer's numbers were for another place. */
function movedAfterAnswer(state: ConversationState | null, s: ConversationState, ctx: StepContext): boolean {
  if (!state || !s.region || phaseOf(state, ctx.knowledge) !== 'assessed') return false;
  const before = (state.region ?? ctx.region).replace(TENTATIVE, '');
  return s.region.replace(TENTATIVE, '') !== before;
}

/** The numbers where the person is now, first, unless the reply is a new answer (which has them). */
function withNumbersHere(result: Turn, ctx: StepContext): Turn {
  if (result.replies.some((r) => r.kind === 'assessment')) return result;
  const numbers = numbersReply(ctx, copy.numbersChanged);
  const others = result.replies.filter(
    (r) => !(r.kind === 'text' && r.text.endsWith(numbers.text.slice(copy.numbersChanged.length + 1))),
  );
  return { ...result, replies: [numbers, ...others] };
}

/** "what number do I call?": the emergency and same-day numbers where the person is, with their sources. */
function numbersReply(ctx: StepContext, before?: string): Reply & { kind: 'text' } {
  const { knowledge } = ctx;
  const region = regionOf(knowledge, ctx.region);
  const cite = new Citations(knowledge);
  cite.add(region.sources);
  const numbers = region.fill(knowledge.care.numbers_here);
  return { kind: 'text', text: before ? `${before} ${numbers}` : numbers, sources: cite.refs };
}

/**
 * Nothing a person types ends the conversation: while a question is open, every reply carries
 * it (after "nothing to go back to", an empty message, a stale click...).
 */
function withOpenQuestion(result: Turn, ctx: StepContext): Reply[] {
  const pending = result.state.pending;
  if (!pending || result.replies.some((r) => r.kind === 'question' || r.kind === 'assessment'))
    return result.replies;
  return [...result.replies, questionReply(pending, ctx.knowledge)];
}

function dispatch(
  s: ConversationState,
  state: ConversationState | null,
  event: MachineEvent,
  ctx: StepContext,
): Turn {
  switch (event.kind) {
    case 'command':
      return onCommand(s, state === null, event.command, ctx);
    case 'answer':
      return onAnswer(
        s,
        state === null,
        event.question,
        { choice: event.choice },
        (p) => applyChoice(p, event.choice),
        ctx,
      );
    case 'select':
      return onAnswer(
        s,
        state === null,
        event.question,
        { selected: event.selected },
        (p) => applySelection(p, event.selected, [], ctx.knowledge),
        ctx,
      );
    case 'text':
      return onText(s, event.text, ctx);
  }
}

// ── answers ────────────────────────────────────────────────────────────────

/** What a click said, as the platform sent it. */
type Said = { choice: Choice } | { selected: string[] };

function onAnswer(
  s: ConversationState,
  isNew: boolean,
  questionId: string,
  said: Said,
  apply: Apply,
  ctx: StepContext,
): Turn {
  if (isNew) return { state: s, replies: [{ kind: 'text', text: copy.conversationGone }] };
  if (s.pending?.id !== questionId) {
    // Old buttons stay clickable (Slack, Discord): a warning sign ticked on one is news, not stale.
    const news = lateWarningSigns(s, questionId, said, ctx.knowledge);
    if (news.length > 0) return takeLateNews(s, ctx, news);
  }
  if (s.assessment) return { state: s, replies: [{ kind: 'text', text: copy.checkFinished }] };
  if (!s.pending) return { state: s, replies: [{ kind: 'text', text: copy.noPending }] };
  if (s.pending.id !== questionId) {
    return {
      state: s,
      replies: [{ kind: 'text', text: copy.staleAnswer }, questionReply(s.pending, ctx.knowledge)],
    };
  }
  const changes = apply(s.pending);
  if ('error' in changes) return { state: s, replies: [{ kind: 'text', text: changes.error }] };
  record(s, s.pending, changes);
  return advance(s, ctx, []);
}

/**
 * The warning signs a click on a question that is no longer open says yes to and that are not
 * yes already: the picks of a multi question, or the "yes" of a yes/no one. A question of this
 * check is known (answered, or left unanswered); picks from one that is not (an earlier check)
 * still name their findings.
 */
function lateWarningSigns(s: ConversationState, id: string, said: Said, knowledge: Knowledge): string[] {
  const asked = s.history.find((h) => h.question.id === id)?.question ?? s.earlier?.find((q) => q.id === id);
  let named: string[];
  if ('choice' in said) {
    named = said.choice === 'yes' && asked?.type === 'yes_no' ? asked.findings.slice(0, 1) : [];
  } else {
    named = asked ? said.selected.filter((f) => asked.findings.includes(f)) : said.selected;
  }
  return [...new Set(named)].filter((f) => knowledge.findings.get(f)?.red_flag && s.findings[f] !== 'yes');
}

/** Warning signs from an old click, taken exactly as if they had been typed now. */
function takeLateNews(s: ConversationState, ctx: StepContext, news: string[]): Turn {
  const { knowledge } = ctx;
  const found = new Map<string, Choice>(news.map((f) => [f, 'yes']));
  if (s.assessment) {
    const before = s.assessment.triage;
    const changed = lateNewsAfterAssessment(s, ctx, found);
    if (changed) return changed;
    const labels = news.map((f) => labelOf(knowledge, f));
    const replies: Reply[] = [{ kind: 'text', text: copy.addedFromEarlier(labels, true) }];
    return { state: s, replies: [...replies, ...firstThingsFirst(ctx, before)] };
  }
  absorb(s, found, knowledge);
  const labels = news.map((f) => labelOf(knowledge, f));
  return advance(
    s,
    ctx,
    [{ kind: 'text', text: copy.addedFromEarlier(labels, false) }],
    s.pending ?? undefined,
  );
}

const labelOf = (knowledge: Knowledge, f: string): string => {
  const finding = knowledge.findings.get(f);
  return (finding?.short ?? finding?.label ?? f).toLowerCase();
};

/**
 * After the assessment: what was said (typed, or ticked on an old question) is kept, and when it
 * makes things more serious the advice changes now. Null when the advice stays as it was.
 */
function lateNewsAfterAssessment(
  s: ConversationState,
  ctx: StepContext,
  found: Map<string, Choice>,
): Turn | null {
  const before = s.assessment?.triage ?? 'self_care';
  const changed = absorb(s, found);
  // What the news implies counts too: "she was on the floor all night" is the muscle sign.
  if (changed.length > 0) applyImplications(ctx.knowledge, s.findings);
  if (changed.length > 0 && triageRank(evaluate(ctx.knowledge, s.findings).triage) > triageRank(before)) {
    return assess(s, ctx, [{ kind: 'text', text: copy.newInformation }]);
  }
  return null;
}

/** At urgent and above, nothing said after the assessment goes without what to do first. */
function firstThingsFirst(ctx: StepContext, triage: Triage, then?: string): Reply[] {
  if (triageRank(triage) < triageRank('urgent')) return [];
  const { knowledge } = ctx;
  const region = regionOf(knowledge, ctx.region);
  const cite = new Citations(knowledge);
  cite.add(region.sources);
  const headline = region.fill(knowledge.care.triage[triage].headline);
  const text = then ? `${copy.doThisFirst(headline)}\n\n${then}` : copy.doThisFirst(headline);
  return [{ kind: 'text', text, sources: cite.refs }];
}

/**
 * What to do first, what it rests on (what was said, and what the person was not sure of), and
 * how to change an answer that was a guess. The level itself is never talked down here.
 */
function whyThisLevel(s: ConversationState, ctx: StepContext, triage: Triage): Reply {
  const { knowledge } = ctx;
  const region = regionOf(knowledge, ctx.region);
  const cite = new Citations(knowledge);
  cite.add(region.sources);
  const fired = evaluate(knowledge, s.findings).fired.filter((f) => f.triage === triage);
  const because = [...new Set(fired.flatMap((f) => f.because))];
  const said = because.filter((f) => s.findings[f] === 'yes').map((f) => labelOf(knowledge, f));
  const unsure = because.filter((f) => s.findings[f] === 'unsure').map((f) => labelOf(knowledge, f));
  const lines = [copy.doThisFirst(region.fill(knowledge.care.triage[triage].headline))];
  if (said.length > 0) lines.push(copy.becauseYouSaid(said));
  const advice = fired[0]?.rule.advice;
  if (advice) lines.push(region.fill(cite.use(advice)));
  if (unsure.length > 0) lines.push(copy.becauseNotSure(unsure));
  else lines.push(copy.slipGoBack);
  return { kind: 'text', text: lines.join('\n\n'), sources: cite.refs };
}

// ── free text ──────────────────────────────────────────────────────────────

/** The findings of free text; the age it gives is kept too (a child's upper limits go by it). */
function findingsIn(
  s: ConversationState,
  text: string,
  knowledge: Knowledge,
  options: ExtractOptions,
): Map<string, Choice> {
  const { found, age } = extractFindingsAndAge(text, knowledge, options);
  if (age !== null) s.age = age;
  // "I took 1000mg paracetamol every 2 hours today": more than the maximum, already taken, is
  // poisoning (NHS paracetamol, NHS poisoning), however it is asked (exploratory 5, S7).
  for (const f of overdoseFindings(readAmounts(text), knowledge))
    if (knowledge.findings.has(f) && found.get(f) !== 'yes') found.set(f, 'yes');
  return found;
}

/** The supplement or the painkiller a message names, remembered for a later amount said alone. */
function rememberSubject(s: ConversationState, read: ReadAmounts, knowledge: Knowledge): void {
  const spoken = spokenOf(read, knowledge);
  const painkiller = painkillerNamed(read, knowledge);
  if (spoken && !painkiller) {
    s.spoken = spoken;
    delete s.painkiller;
  } else if (painkiller && !spoken) {
    s.painkiller = painkiller;
    delete s.spoken;
  }
}

/** How many amounts a check keeps for after its assessment (the state stays small). */
const DOSES_KEPT = 6;

/**
 * Amounts of a supplement said before the assessment ("I take 1000mg magnesium a day and still
 * get cramps", "none. btw i take 2000mg magnesium") are kept, as numbers, and compared with the
 * limit right after the assessment (exploratory 5, S8). The supplement named is remembered for a
 * later "is 400mg ok for her?". Returns the doses this message added.
 */
function holdDoses(s: ConversationState, text: string, knowledge: Knowledge): HeldDose[] {
  const read = readAmounts(text);
  const held = heldOf(dosesIn(read, knowledge, s.spoken), knowledge);
  rememberSubject(s, read, knowledge);
  if (held.length > 0) s.doses = [...(s.doses ?? []), ...held].slice(-DOSES_KEPT);
  return held;
}

function onText(s: ConversationState, raw: string, ctx: StepContext): Turn {
  const text = raw.trim();
  if (text.length === 0) return { state: s, replies: [{ kind: 'text', text: copy.emptyMessage }] };
  const { knowledge } = ctx;

  const phase = phaseOf(s, knowledge);
  if (phase === 'new' && asksAboutPrivacy(text) && extractFindings(text, knowledge).size === 0)
    return { state: s, replies: [{ kind: 'text', text: copy.privacy }] };
  if (phase === 'new') {
    absorb(s, findingsIn(s, text, knowledge, { known: s.findings }));
    holdDoses(s, text, knowledge);
    const about = writtenFor(text);
    if (about) s.about = about;
    const forThem: Reply[] = about ? [{ kind: 'text', text: copy.askingFor(about) }] : [];
    return advance(s, ctx, [{ kind: 'text', text: copy.greeting }, ...forThem]);
  }

  // "stop", "cancel", "bye": the check ends here, nothing more is asked (exploratory test 6, U2).
  if (asksToStop(text)) {
    const fresh = freshState(ctx.now, s.seq);
    if (s.region) fresh.region = s.region;
    return { state: fresh, replies: [{ kind: 'text', text: copy.stopped }] };
  }
  // "what do you keep about me?": answered whenever it is asked (U6).
  if (asksAboutPrivacy(text) && extractFindings(text, knowledge, { known: s.findings }).size === 0)
    return { state: s, replies: [{ kind: 'text', text: copy.privacy }] };

  // "2 - no wait sorry, none of them": what a message takes back is not part of its answer (and
  // it answers the waiting question, not the one before).
  const kept = s.pending ? takenBack(text) : null;
  const redone = kept === null ? changeLastAnswer(s, ctx, text) : null;
  if (redone) return redone;

  if (phase === 'assessed') {
    const before = s.assessment?.triage ?? 'self_care';
    const found = findingsIn(s, text, knowledge, { known: s.findings });
    const region = regionOf(knowledge, ctx.region);
    const headline = region.fill(knowledge.care.triage[before].headline);
    const followUp = answerFollowUp(text, knowledge, {
      triage: before,
      causes: s.assessment?.causes ?? [],
      fill: region.fill,
      headline,
      // "how much magnesium can I give my 5 year old?": the child may be named only here.
      child: s.findings.child_under_16 === 'yes' || found.get('child_under_16') === 'yes',
      // What the question itself says counts too: "what painkiller can I take? I'm on warfarin".
      findings: { ...s.findings, ...Object.fromEntries([...found].filter(([, c]) => c === 'yes')) },
      sooner: soonerStep(knowledge, s.findings, ctx.region),
      ...(s.age !== undefined ? { age: s.age } : {}),
      ...(s.spoken ? { spoken: s.spoken } : {}),
      ...(s.painkiller ? { painkiller: s.painkiller } : {}),
    });
    rememberSubject(s, readAmounts(text), knowledge);
    // Something new and more serious: the advice changes now.
    const changed = lateNewsAfterAssessment(s, ctx, found);
    if (changed) return changed;
    // "what number do I ring?": the numbers, whatever the level (exploratory test 6, S5).
    if (asksForTheNumber(text)) return { state: s, replies: [numbersReply(ctx)] };
    // "do i really need to go today?", "i only said idk because ...": when the level rests on a
    // "not sure" (or nothing else answers), what it rests on and how to change a guessed answer.
    if (doubtsTheAdvice(text) && triageRank(before) >= triageRank('urgent')) {
      const uncertain = evaluate(knowledge, s.findings).fired.some((f) => f.triage === before && f.uncertain);
      if (uncertain || !followUp) return { state: s, replies: [whyThisLevel(s, ctx, before)] };
    }
    if (followUp) return { state: s, replies: [followUp] };
    // "i have asthma btw, does that matter?", "so is it fine?": nothing changed, and it is said so.
    if (triageRank(before) < triageRank('urgent') && (asksIfItMatters(text) || asksHowSerious(text)))
      return { state: s, replies: [{ kind: 'text', text: copy.adviceStands(headline) }] };
    // At urgent and above, nothing said afterwards goes without what to do first.
    const first = firstThingsFirst(ctx, before, copy.afterUrgentNudge);
    if (first.length > 0) return { state: s, replies: first };
    return { state: s, replies: [{ kind: 'text', text: copy.afterAssessmentNudge }] };
  }

  const pending = s.pending;
  const held = holdDoses(s, text, knowledge);
  if (!pending) return advance(s, ctx, []);
  // "what number do I call?" mid-check: answered now (the question follows), never put off.
  if (asksForTheNumber(text) && extractFindings(text, knowledge, { known: s.findings }).size === 0)
    return { state: s, replies: [numbersReply(ctx)] };
  return answerPending(s, ctx, pending, kept ?? text, text, held);
}

/**
 * Free text while a question waits: its answer, anything said beside it, or a nudge. `text` is
 * what answers it: the whole message, or what follows a correction in it ("2 - no wait, none").
 * What the whole message says beyond the question is kept either way ("I tripped, oops, ...").
 */
function answerPending(
  s: ConversationState,
  ctx: StepContext,
  pending: PendingQuestion,
  text: string,
  whole: string,
  held: HeldDose[],
): Turn {
  const { knowledge } = ctx;
  const correcting = isCorrection(whole);
  // "I don't understand", "what's a diuretic?": the question again in other words, nothing recorded.
  const puzzled = asksWhatItMeans(text);
  if (
    puzzled === 'word' ||
    (puzzled === 'confused' &&
      extractFindings(text, knowledge, { expecting: pending.findings, known: s.findings }).size === 0)
  )
    return askAgainWith(s, ctx, copy.putAnotherWay(whyOf(pending, knowledge)));
  // "i said no to 2 already. no to both": the answer is what follows "I said".
  const answer = withoutRestating(text);
  if (pending.type === 'yes_no') {
    const found = findingsIn(s, whole, knowledge, { expecting: pending.findings, known: s.findings });
    const finding = pending.findings[0]!;
    const said =
      whole === text
        ? found
        : extractFindings(text, knowledge, { expecting: pending.findings, known: s.findings });
    const choice = said.get(finding) ?? classifyAnswer(answer);
    found.delete(finding);
    const changed = absorb(s, found, knowledge, correcting);
    const noted = acknowledge(s, changed, knowledge);
    if (choice) {
      record(s, pending, [[finding, choice]]);
      return advance(s, ctx, noted);
    }
    if (changed.length > 0) return advance(s, ctx, noted, pending);
    return ownQuestion(s, ctx, text, held) ?? askAgainWith(s, ctx, copy.nudgeYesNo);
  }
  const options = pending.findings.map((f) => ({ finding: f, label: knowledge.findings.get(f)!.label }));
  const selection = parseSelection(answer, options, knowledge);
  // Our own option labels, repeated back, are answers to this question and nothing else
  // ("... covered skin, darker skin" is about sunlight, not a darker calf).
  const beyondLabels = findingsIn(s, withoutLabels(whole, options), knowledge, {
    expecting: pending.findings,
    known: s.findings,
  });
  for (const f of pending.findings) beyondLabels.delete(f);
  const changed = absorb(s, beyondLabels, knowledge, correcting);
  const noted = acknowledge(s, changed, knowledge);
  if (selection?.kind === 'selected') {
    const result = applySelection(pending, selection.findings, selection.unsure ?? [], ctx.knowledge);
    if (!('error' in result)) {
      record(s, pending, result);
      return advance(s, ctx, noted);
    }
  }
  if (changed.length > 0) return advance(s, ctx, noted, pending);
  if (selection?.kind === 'out_of_range') return askAgainWith(s, ctx, copy.outOfRange(selection.max));
  if (selection?.kind === 'unclear') {
    const numbered = selection.suggestions.map(
      (f) => `${pending.findings.indexOf(f) + 1}. ${knowledge.findings.get(f)!.label}`,
    );
    return askAgainWith(s, ctx, copy.didYouMean(numbered));
  }
  if (selection?.kind === 'unsure') {
    // "idk" twice to the same question: every option is counted as not sure (a red flag not
    // sure of still fires its rule, never below urgent: red-flags.ts) and the check goes on.
    if (!pending.unsureOnce) {
      pending.unsureOnce = true;
      return askAgainWith(s, ctx, copy.unsureMulti);
    }
    const result = applySelection(pending, [], pending.findings, knowledge);
    if (!('error' in result)) {
      record(s, pending, result);
      return advance(s, ctx, [...noted, { kind: 'text', text: copy.countedUnsure }]);
    }
  }
  return ownQuestion(s, ctx, text, held) ?? askAgainWith(s, ctx, copy.nudgeMulti);
}

/**
 * A question of the person's own typed mid-check ("can I take ibuprofen?"): answered once the
 * warning signs are checked (they come first), then the check goes on.
 */
function ownQuestion(s: ConversationState, ctx: StepContext, text: string, held: HeldDose[]): Turn | null {
  if (/^\s*(thanks|thank you|thank u|thx|ty|cheers|ta)\b/i.test(text))
    return askAgainWith(s, ctx, copy.youAreWelcome);
  const { knowledge } = ctx;
  // "can it wait?", "is this serious?" when what was said already needs help today: say so now.
  if (doubtsTheAdvice(text) || asksHowSerious(text)) {
    const sofar = evaluate(knowledge, s.findings).triage;
    if (triageRank(sofar) >= triageRank('urgent')) {
      const headline = regionOf(knowledge, ctx.region).fill(knowledge.care.triage[sofar].headline);
      return askAgainWith(s, ctx, copy.alreadyUrgent(headline));
    }
  }
  if (!isOwnQuestion(text)) return null;
  const fill = regionOf(knowledge, ctx.region).fill;
  const answer = answerFollowUp(text, knowledge, {
    triage: 'self_care',
    causes: [],
    fill,
    midCheck: true,
    child: s.findings.child_under_16 === 'yes',
    findings: s.findings,
    ...(s.age !== undefined ? { age: s.age } : {}),
    ...(s.spoken ? { spoken: s.spoken } : {}),
    ...(s.painkiller ? { painkiller: s.painkiller } : {}),
  });
  // A question the knowledge has no answer for yet ("is that bad?"): said after the check.
  if (!answer) return askAgainWith(s, ctx, copy.answerAfterTheCheck);
  // During the warning signs an amount is kept and compared after the assessment: it is not lost.
  if (phaseOf(s, knowledge) === 'screening')
    return askAgainWith(s, ctx, held.length > 0 ? copy.amountAfterTheChecks : copy.afterTheChecks);
  // Answered now, so not again after the assessment.
  if (held.length > 0) s.doses = (s.doses ?? []).filter((d) => !held.includes(d));
  const back: Reply = { kind: 'text', text: copy.backToTheCheck };
  return { state: s, replies: [answer, back, questionReply(s.pending!, knowledge)] };
}

/**
 * "sorry I meant no", "oops, wrong one, none": the last answer is answered again and the check
 * goes on from there. A warning sign once said yes is not talked away here ("go back" can).
 */
function changeLastAnswer(s: ConversationState, ctx: StepContext, text: string): Turn | null {
  const instead = meantInstead(text);
  const last = s.history.at(-1);
  if (!last) return null;
  const { knowledge } = ctx;
  // "i typed 2 by mistake", with nothing said instead: how to change it.
  if (instead === null) return namesASlip(text) ? keptOrGoBack(s, ctx, last) : null;
  const q = last.question;
  let changes: Array<[string, Choice]>;
  if (q.type === 'yes_no') {
    const choice = classifyAnswer(instead);
    if (!choice) return null;
    changes = [[q.findings[0]!, choice]];
  } else {
    const options = q.findings.map((f) => ({ finding: f, label: knowledge.findings.get(f)!.label }));
    const selection = parseSelection(instead, options, knowledge);
    if (selection?.kind !== 'selected') return null;
    const result = applySelection(q, selection.findings, selection.unsure ?? [], knowledge);
    if ('error' in result) return null;
    changes = result;
  }
  // The same answer again is not a change of the last one: it answers the question now open.
  const same =
    changes.length === last.changes.length &&
    changes.every(([f, choice]) => last.changes.some((c) => c.finding === f && c.after === choice));
  if (same) return null;
  const keptSigns = last.changes
    .filter((c) => c.after === 'yes' && knowledge.findings.get(c.finding)?.red_flag)
    .filter((c) => changes.some(([f, choice]) => f === c.finding && choice !== 'yes'));
  // A warning sign said yes stays yes; the rest of the new answer ("oops wrong one, 3") still counts.
  const preface: Reply[] = [];
  if (keptSigns.length > 0) {
    const labels = keptSigns.map((c) => knowledge.findings.get(c.finding)!.label.toLowerCase());
    preface.push({ kind: 'text', text: copy.keptWarningSign(labels) });
    const kept = new Set(keptSigns.map((c) => c.finding));
    changes = changes.map(([f, choice]): [string, Choice] => [f, kept.has(f) ? 'yes' : choice]);
    const unchanged = changes.every(([f, choice]) =>
      last.changes.some((c) => c.finding === f && c.after === choice),
    );
    if (unchanged) return keptOrGoBack(s, ctx, last, preface);
  }
  s.history.pop();
  undo(s, last);
  if (s.pending) {
    s.asked = Math.max(0, s.asked - 1);
    retire(s, s.pending);
  }
  s.pending = null;
  record(s, q, changes);
  return advance(s, ctx, [...preface, { kind: 'text', text: copy.changedAnswer }]);
}

/**
 * The last answer stays as it was: a warning sign it said yes to is kept (and "go back" can
 * change it), else how to change it. After an urgent assessment, what to do first comes too.
 */
function keptOrGoBack(s: ConversationState, ctx: StepContext, last: AnsweredStep, said: Reply[] = []): Turn {
  const { knowledge } = ctx;
  let replies = said;
  if (replies.length === 0) {
    const signs = last.changes.filter(
      (c) => c.after === 'yes' && knowledge.findings.get(c.finding)?.red_flag,
    );
    const labels = signs.map((c) => knowledge.findings.get(c.finding)!.label.toLowerCase());
    replies = [{ kind: 'text', text: labels.length > 0 ? copy.keptWarningSign(labels) : copy.slipGoBack }];
  }
  if (s.pending) return { state: s, replies: [...replies, questionReply(s.pending, knowledge)] };
  return {
    state: s,
    replies: [...replies, ...(s.assessment ? firstThingsFirst(ctx, s.assessment.triage) : [])],
  };
}

/** Take an answered step back: its findings as they were before, and no assessment. */
function undo(s: ConversationState, step: AnsweredStep): void {
  for (const c of step.changes) {
    if (c.before === null) delete s.findings[c.finding];
    else s.findings[c.finding] = c.before;
  }
  s.assessment = null;
}

/** "Noted: taking a statin." for what an answer said beyond the question (never asked again). */
function acknowledge(s: ConversationState, changed: string[], knowledge: Knowledge): Reply[] {
  const said = changed.filter((f) => s.findings[f] === 'yes').map((f) => labelOf(knowledge, f));
  if (said.length === 0) return [];
  return [{ kind: 'text', text: copy.noted(said) }];
}

/** The waiting question again, after a short line: nothing a person types ends the conversation. */
function askAgainWith(s: ConversationState, ctx: StepContext, line: string): Turn {
  return { state: s, replies: [{ kind: 'text', text: line }, questionReply(s.pending!, ctx.knowledge)] };
}

// ── commands ───────────────────────────────────────────────────────────────

function onCommand(
  s: ConversationState,
  isNew: boolean,
  command: Exclude<Command, 'forget'>,
  ctx: StepContext,
): Turn {
  switch (command) {
    case 'restart': {
      const fresh = freshState(ctx.now, s.seq);
      if (s.region) fresh.region = s.region;
      return advance(fresh, ctx, [{ kind: 'text', text: copy.restarted }]);
    }
    case 'start': {
      // Resume: help and the waiting question again, with live buttons (ephemeral messages vanish).
      if (s.pending) {
        const replies: Reply[] = [
          { kind: 'text', text: copy.help },
          { kind: 'text', text: copy.checkInProgress },
          questionReply(s.pending, ctx.knowledge),
        ];
        return { state: s, replies };
      }
      // Begin: a greeting when there is nothing to start over from, else a new check.
      const fresh = isNew || phaseOf(s, ctx.knowledge) === 'new';
      const opening = fresh ? copy.greeting : copy.restarted;
      const next = freshState(ctx.now, s.seq);
      if (s.region) next.region = s.region;
      return advance(next, ctx, [{ kind: 'text', text: opening }]);
    }
    case 'help': {
      // Repeat the waiting question so it can be answered from here (ephemeral messages vanish).
      const waiting = s.pending ? [questionReply(s.pending, ctx.knowledge)] : [];
      return { state: s, replies: [{ kind: 'text', text: copy.help }, ...waiting] };
    }
    case 'why': {
      if (!s.pending) return { state: s, replies: [{ kind: 'text', text: copy.noQuestionToExplain }] };
      return { state: s, replies: [{ kind: 'text', text: whyOf(s.pending, ctx.knowledge) }] };
    }
    case 'back': {
      const last = s.history.pop();
      if (!last) return { state: s, replies: [{ kind: 'text', text: copy.nothingToUndo }] };
      undo(s, last);
      retire(s, last.question);
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
function advance(s: ConversationState, ctx: StepContext, replies: Reply[], keep?: PendingQuestion): Turn {
  applyImplications(ctx.knowledge, s.findings);
  const next = nextQuestion(ctx.knowledge, s.findings, questionsCounted(ctx.knowledge, s.history, s.asked));
  if (!next) return assess(s, ctx, replies);
  if (keep && keep.topic === next.group.id && sameList(keep.findings, next.findings)) {
    s.pending = keep;
    return { state: s, replies: [...replies, questionReply(keep, ctx.knowledge)] };
  }
  if (keep) s.asked = Math.max(0, s.asked - 1);
  return ask(s, ctx, replies, next.group.id, next.findings);
}

/** How many unanswered questions a check keeps for late clicks (the state stays small). */
const EARLIER_KEPT = 20;

/** Keep a question that is no longer waiting and no longer in the history, for a late click. */
function retire(s: ConversationState, q: PendingQuestion): void {
  if (s.history.some((h) => h.question.id === q.id)) return;
  const earlier = (s.earlier ?? []).filter((e) => e.id !== q.id);
  s.earlier = [...earlier, q].slice(-EARLIER_KEPT);
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function ask(
  s: ConversationState,
  ctx: StepContext,
  replies: Reply[],
  topic: string,
  findings: string[],
): Turn {
  if (s.pending) retire(s, s.pending);
  s.seq += 1;
  s.asked += 1;
  const single = findings.length === 1;
  s.pending = {
    id: `q${s.seq}.${s.startedAt.toString(36)}`,
    type: single ? 'yes_no' : 'multi',
    findings,
    topic,
  };
  return { state: s, replies: [...replies, questionReply(s.pending, ctx.knowledge)] };
}

function assess(s: ConversationState, ctx: StepContext, replies: Reply[]): Turn {
  applyImplications(ctx.knowledge, s.findings);
  const assessment = composeAssessment(ctx.knowledge, s.findings, ctx.region);
  if (s.pending) retire(s, s.pending);
  s.pending = null;
  s.assessment = { triage: assessment.triage, causes: assessment.causes.map((c) => c.id) };
  const forThem: Reply[] = s.about ? [{ kind: 'text', text: copy.resultFor(s.about) }] : [];
  const held = heldAmounts(s, ctx, assessment.triage);
  return { state: s, replies: [...replies, ...forThem, assessment, ...held] };
}

/**
 * The amounts said before the assessment, against their limits, right after it. Not at urgent
 * or above: what to do first must stand alone (no nutrient is named there).
 */
function heldAmounts(s: ConversationState, ctx: StepContext, triage: Triage): Reply[] {
  const held = s.doses ?? [];
  delete s.doses;
  if (held.length === 0 || triageRank(triage) >= triageRank('urgent')) return [];
  const { knowledge } = ctx;
  const found = fromHeld(held, knowledge);
  const cite = new Citations(knowledge);
  const lines: string[] = [copy.heldAmounts];
  const cautions = [...new Set(found.causes.flatMap((c) => c.cautions.filter((x) => saysOf(x, s.findings))))];
  sayDoses(found, knowledge, cite, lines, {
    child: s.findings.child_under_16 === 'yes',
    ...(s.age !== undefined ? { age: s.age } : {}),
    cautions,
  });
  const fill = regionOf(knowledge, ctx.region).fill;
  const refs = cite.refs;
  return [{ kind: 'text', text: `${lines.map(fill).join('\n')}\n\n${sourcesAsText(refs)}`, sources: refs }];
}
