/**
 * 10,000 generated conversations fed straight into the pure machine (`step()`): random sequences
 * of typed text, button answers (to the open question, to stale or made-up ones), selections
 * (valid, unknown, from other questions) and commands. No step may throw; every state must be
 * JSON-serialisable, on the current schema and internally consistent (a pending question exactly
 * while asking, an assessment exactly once assessed); every reply must be well-formed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MachineEvent, phaseOf, step } from '../src/conversation/machine.js';
import { type ConversationState, STATE_SCHEMA_VERSION } from '../src/conversation/types.js';
import { readEvent } from '../src/read-event.js';
import { COMMANDS, type Reply, TRIAGE_LEVELS, type UserEvent } from '../src/vocabulary.js';
import { knowledge } from './helpers/bot.js';

const K = knowledge();
const FINDING_IDS = [...K.findings.keys()];
const GROUP_IDS = new Set(K.groups.map((g) => g.id));
const PHASES = ['new', 'screening', 'questioning', 'assessed'];
/** `forget` is the Bot's (it deletes records); the machine takes every other command. */
const MACHINE_COMMANDS = COMMANDS.filter((c): c is MachineCommand => c !== 'forget');
type MachineCommand = Exclude<(typeof COMMANDS)[number], 'forget'>;
const CHOICES = ['yes', 'no', 'unsure'];

/** Words people actually send, so sequences reach questions, answers and assessments. */
const PHRASES = [
  'my calves hurt',
  'I get calf cramps at night',
  'my left calf is swollen and red and warm',
  'I started running last week and my calves are sore',
  'my foot suddenly went cold and pale',
  'I am short of breath and my calf is swollen',
  'I take a statin',
  'yes',
  'no',
  'not sure',
  'none',
  'none of these',
  '1',
  '1 2',
  '2, 3 and 5',
  'all of them',
  'maybe the first one',
  'what foods have magnesium?',
  'tell me more about iron',
  'how much vitamin D is safe',
  'thanks so much',
  'can I stop my statin?',
  'can I take ibuprofen?',
  'can it wait until monday?',
  "I don't understand",
  "what's a diuretic?",
  'none except 7',
  'sorry I meant no',
  'oops wrong one, none',
  'back',
  'why',
  'help',
  'restart',
  'forget',
  'start over',
  '',
  '   ',
];

/** Abstract events, resolved against the state at the time they are sent. */
type Abstract =
  | { kind: 'text'; text: string }
  | { kind: 'answer'; target: Target; choice: string }
  | { kind: 'select'; target: Target; pick: Pick }
  | { kind: 'command'; command: MachineCommand };
type Target = { to: 'pending' } | { to: 'stale' } | { to: 'made-up'; id: string };
type Pick =
  | { from: 'pending'; mask: boolean[] }
  | { from: 'any'; ids: string[] }
  | { from: 'junk'; ids: string[] };

const target: fc.Arbitrary<Target> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ to: 'pending' as const }) },
  { weight: 1, arbitrary: fc.constant({ to: 'stale' as const }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((id) => ({ to: 'made-up' as const, id })) },
);
const pick: fc.Arbitrary<Pick> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(fc.boolean(), { maxLength: 12 }).map((mask) => ({ from: 'pending' as const, mask })),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom(...FINDING_IDS), { maxLength: 5 })
      .map((ids) => ({ from: 'any' as const, ids })),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.string({ maxLength: 20 }), { maxLength: 4 })
      .map((ids) => ({ from: 'junk' as const, ids })),
  },
);
const event: fc.Arbitrary<Abstract> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .oneof(
        { weight: 4, arbitrary: fc.constantFrom(...PHRASES) },
        { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
        { weight: 1, arbitrary: fc.string({ maxLength: 80, unit: 'grapheme' }) },
      )
      .map((text) => ({ kind: 'text' as const, text })),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      target,
      choice: fc.constantFrom(...CHOICES, 'maybe'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('select' as const), target, pick }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...MACHINE_COMMANDS).map((command) => ({ kind: 'command' as const, command })),
  },
);

function resolve(a: Abstract, state: ConversationState | null, previousIds: string[]): UserEvent {
  if (a.kind === 'text' || a.kind === 'command') return a;
  const pending = state?.pending ?? null;
  const question =
    a.target.to === 'pending'
      ? (pending?.id ?? 'q0.none')
      : a.target.to === 'stale'
        ? (previousIds.find((id) => id !== pending?.id) ?? 'q0.stale')
        : a.target.id;
  // A choice outside yes/no/unsure is what a forged payload could carry; the adapters' schemas
  // reject it, so the machine only ever sees valid choices.
  if (a.kind === 'answer')
    return { kind: 'answer', question, choice: CHOICES.includes(a.choice) ? (a.choice as 'yes') : 'unsure' };
  const selected =
    a.pick.from === 'pending'
      ? (pending?.findings ?? []).filter((_, i) => a.pick.from === 'pending' && a.pick.mask[i])
      : a.pick.ids;
  return { kind: 'select', question, selected };
}

/** A cheap assertion (this runs tens of thousands of times; fast-check reports and shrinks failures). */
function ensure(ok: unknown, what: string, detail?: unknown): asserts ok {
  if (!ok) throw new Error(`${what}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
}

/** Deep equality after a JSON round trip: no undefined, NaN, Infinity, Map, Date or function inside. */
function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.values(value as object).every(jsonSafe);
  return false;
}

function checkState(s: ConversationState, now: number): void {
  ensure(jsonSafe(s), 'state is not plain JSON', s);
  ensure(s.schema === STATE_SCHEMA_VERSION, 'schema version', s.schema);
  const phase = phaseOf(s, K);
  ensure(PHASES.includes(phase), 'phase', phase);
  ensure(!('phase' in s) && !('volunteered' in s), 'no stored phase or volunteered', s);
  ensure(s.updatedAt === now, 'updatedAt');
  ensure(Number.isInteger(s.seq) && s.seq >= 0, 'seq', s.seq);
  ensure(Number.isInteger(s.asked) && s.asked >= 0, 'asked', s.asked);
  for (const [finding, choice] of Object.entries(s.findings)) {
    ensure(K.findings.has(finding) && CHOICES.includes(choice), 'finding', [finding, choice]);
  }
  // A question is waiting exactly while the machine is asking; an assessment exactly once assessed.
  ensure(!(s.pending && s.assessment), 'a question waiting after the assessment', s);
  if (s.pending) {
    const p = s.pending;
    ensure(p.findings.length > 0 && p.findings.every((f) => K.findings.has(f)), 'pending findings', p);
    if (p.type === 'yes_no') {
      ensure(p.findings.length === 1, 'yes/no asks one finding', p);
      ensure(p.topic === p.findings[0] || GROUP_IDS.has(p.topic), 'yes/no topic', p);
    } else {
      ensure(p.type === 'multi' && p.findings.length > 1 && GROUP_IDS.has(p.topic), 'multi question', p);
    }
  }
  for (const h of s.history) {
    for (const c of h.changes) {
      ensure(K.findings.has(c.finding) && CHOICES.includes(c.after), 'history change', c);
    }
  }
  if (s.assessment) {
    ensure(TRIAGE_LEVELS.includes(s.assessment.triage), 'triage', s.assessment);
    ensure(
      s.assessment.causes.every((c) => K.causes.has(c)),
      'assessed causes',
      s.assessment,
    );
  }
}

const https = (sources: Array<{ url: string }> | undefined) =>
  (sources ?? []).every((src) => src.url.startsWith('https://'));

function checkReplies(replies: Reply[], s: ConversationState): void {
  ensure(replies.length > 0, 'every event gets a reply');
  ensure(jsonSafe(replies), 'replies are plain JSON', replies);
  ensure(replies.filter((r) => r.kind === 'question').length <= 1, 'at most one question per turn', replies);
  for (const r of replies) {
    if (r.kind === 'text') {
      ensure(r.text.trim().length > 0 && https(r.sources), 'text reply', r);
    } else if (r.kind === 'question') {
      // The question shown is the one the state waits for.
      ensure(r.question === s.pending?.id, 'question shown is the pending one', [r.question, s.pending]);
      ensure(r.text.length > 0 && r.why.length > 0, 'question text and why', r);
      if (r.type === 'yes_no') ensure(K.findings.has(r.finding), 'yes/no finding', r);
      else
        ensure(
          r.options.length > 1 && r.options.every((o) => K.findings.has(o.finding) && o.label.length > 0),
          'multi options',
          r,
        );
    } else {
      ensure(r.kind === 'assessment', 'reply kind', r);
      ensure(
        TRIAGE_LEVELS.includes(r.triage) && r.triage === s.assessment?.triage,
        'assessment triage',
        r.triage,
      );
      ensure(r.headline.length > 0 && r.disclaimer.length > 0, 'headline and disclaimer', r);
      ensure(r.sources.length > 0 && https(r.sources), 'assessment sources', r.sources);
    }
  }
}

describe('the conversation machine over 10,000 generated event sequences', () => {
  it('never throws; states stay serialisable and consistent; replies are well-formed; only `regional` replies differ by region', () => {
    const reached = { screening: 0, questioning: 0, assessed: 0, emergency: 0 };
    let regionalSeen = 0;
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (events, t0) => {
          let state: ConversationState | null = null;
          const questionIds: string[] = [];
          const seen = new Set<string>();
          events.forEach((abstract, i) => {
            const now = t0 + i * 1000;
            // Words are read as the Bot reads them; `forget` is the Bot's, not the machine's.
            const e = readEvent(resolve(abstract, state, questionIds));
            if (e.kind === 'command' && e.command === 'forget') return;
            const out = step(state, e as MachineEvent, {
              knowledge: K,
              region: 'US',
              now,
            });
            checkState(out.state, now);
            checkReplies(out.replies, out.state);
            // A step that says its replies do not name the region must read the same in any region:
            // the Bot then skips the platform's look-up (Slack's users.info).
            const elsewhere = step(state, e as MachineEvent, { knowledge: K, region: 'UK', now });
            const same = JSON.stringify(elsewhere.replies) === JSON.stringify(out.replies);
            ensure(out.regional || same, 'replies name the region but the step says they do not', e);
            ensure(elsewhere.regional === out.regional, 'regional is the same in any region');
            if (!same) regionalSeen++;
            if (state) ensure(out.state.seq >= state.seq, 'seq never goes down');
            if (out.state.pending) questionIds.push(out.state.pending.id);
            seen.add(phaseOf(out.state, K));
            if (out.state.assessment?.triage === 'emergency') seen.add('emergency');
            state = out.state;
          });
          for (const k of Object.keys(reached) as Array<keyof typeof reached>) if (seen.has(k)) reached[k]++;
        },
      ),
      { numRuns: 10_000 },
    );
    // The generated sequences really get somewhere: screening, questions and assessments.
    expect(reached.screening).toBeGreaterThan(1000);
    expect(reached.questioning).toBeGreaterThan(200);
    expect(reached.assessed).toBeGreaterThan(200);
    expect(reached.emergency).toBeGreaterThan(20);
    // ...and the region check above had replies that do differ by region to look at.
    expect(regionalSeen).toBeGreaterThan(100);
    // 10,000 whole conversations on the full v2 knowledge: a generous ceiling for a loaded CI box
    // (this is not a speed check; `npm run bench` measures speed).
  }, 180_000);
});
