/** Reply → Block Kit: escaping, Block Kit limits, and what an assessment looks like. Pure. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION, decodeValue } from '../adapters/slack/action-ids.js';
import { slackCopy } from '../adapters/slack/copy.js';
import { escapeMrkdwn, mrkdwnLink, splitMrkdwn } from '../adapters/slack/escape.js';
import {
  LIMITS,
  renderAssessment,
  renderClosedQuestion,
  renderQuestion,
  renderReplies,
  renderReply,
  type SlackMessage,
} from '../adapters/slack/render-blocks.js';
import type { AssessmentReply, QuestionReply } from '../src/vocabulary.js';

type AnyBlock = Record<string, any>;
const blocksOf = (m: SlackMessage) => m.blocks as AnyBlock[];
const mrkdwnTexts = (m: SlackMessage): string[] => {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as AnyBlock;
      if (o.type === 'mrkdwn') out.push(o.text);
      else for (const x of Object.values(o)) walk(x);
    }
  };
  walk(m.blocks);
  return out;
};
const actionIds = (m: SlackMessage) =>
  blocksOf(m)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements.map((e: AnyBlock) => e.action_id as string));

function checkLimits(m: SlackMessage): void {
  expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  for (const b of blocksOf(m)) {
    if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.header);
    if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
    if (b.type === 'actions') {
      expect(b.elements.length).toBeLessThanOrEqual(25);
      for (const e of b.elements) {
        if (e.type === 'button') {
          expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
          expect(e.value.length).toBeLessThanOrEqual(2000);
        }
        if (e.type === 'checkboxes') {
          expect(e.options.length).toBeLessThanOrEqual(LIMITS.optionsPerCheckboxes);
          for (const o of e.options) expect(o.text.text.length).toBeLessThanOrEqual(LIMITS.optionText);
        }
      }
    }
  }
  const ids = actionIds(m);
  expect(new Set(ids).size).toBe(ids.length);
  expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallbackText + 20);
}

/** No Slack control sequence survives except the links we built ourselves. */
function expectNoControlSequences(m: SlackMessage): void {
  for (const t of [...mrkdwnTexts(m), m.text]) {
    const withoutLinks = t.replace(/<https:\/\/[^\s<>|]+\|[^<>]*>/g, '');
    expect(withoutLinks).not.toMatch(/[<>]/);
    expect(t).not.toMatch(/@(channel|here|everyone)\b/);
  }
}

const yesNo: QuestionReply = {
  kind: 'question',
  question: 'q3.abc',
  type: 'yes_no',
  finding: 'night_cramps',
  text: 'Do the cramps come at night?',
  why: 'Night cramps are common.',
};

function assessment(over: Partial<AssessmentReply> = {}): AssessmentReply {
  return {
    kind: 'assessment',
    triage: 'see_doctor',
    headline: 'Book an appointment with your doctor',
    nextSteps: ['See your doctor in the next week or two.', 'Ask about blood tests.'],
    causes: [
      {
        id: 'magnesium_deficiency',
        name: 'Low magnesium',
        summary: 'Low magnesium can cause cramps.',
        because: [{ finding: 'night_cramps', label: 'Cramps at night' }],
        score: 3,
      },
      { id: 'dehydration', name: 'Dehydration', summary: 'Too little fluid & salt.', because: [], score: 1 },
    ],
    text: 'Headline\n\nA word on the evidence:\n- Supplements help only when levels are low.\n- Ask a pharmacist first.\n\nWatch for:\n- x',
    watchFor: ['A cramp that lasts more than 10 minutes.'],
    evidence: ['Supplements help only when levels are low.', 'Ask a pharmacist first.'],
    doctorSummary: 'What you told me: cramps at night.',
    sources: [
      { id: 'nhs', title: 'Leg cramps', publisher: 'NHS', url: 'https://www.nhs.uk/conditions/leg-cramps/' },
      {
        id: 'ods',
        title: 'Magnesium & you',
        publisher: 'NIH ODS',
        url: 'https://ods.od.nih.gov/factsheets/Magnesium-Consumer/',
      },
    ],
    disclaimer: 'This is general information, not a diagnosis.',
    ...over,
  };
}

describe('escaping', () => {
  it('escapes &, < and > and defuses broadcast words', () => {
    expect(escapeMrkdwn('a & b <!channel> <@U123> @here')).toBe(
      'a &amp; b &lt;!channel&gt; &lt;@U123&gt; @\u200dhere',
    );
  });

  it('a text reply cannot make the bot ping anyone', () => {
    const m = renderReply({
      kind: 'text',
      text: 'You said: <!channel> <!here|here> <@U0BOSS> @everyone <https://evil.example|click>',
    });
    expectNoControlSequences(m);
    expect(m.blocks).toHaveLength(1);
  });

  it('links keep their label inside the link', () => {
    expect(mrkdwnLink('https://x.example/a?b=1&c=2', 'A | B > C')).toBe(
      '<https://x.example/a?b=1&amp;c=2|A ¦ B &gt; C>',
    );
    expect(mrkdwnLink('javascript:alert(1)', 'bad')).toBe('bad');
  });

  it('splitting escaped text never cuts an entity and loses nothing', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '&', '<', '>', 'é') }),
        fc.integer({ min: 12, max: 40 }),
        (raw, max) => {
          const escaped = escapeMrkdwn(raw);
          const pieces = splitMrkdwn(escaped, max);
          for (const p of pieces) {
            expect(p.length).toBeLessThanOrEqual(max);
            expect(p).not.toMatch(/&[a-z]{0,3}$/);
            expect(p).not.toMatch(/^[a-z]{1,3};/);
          }
          expect(pieces.join('').replace(/\s/g, '')).toBe(escaped.replace(/\s/g, ''));
        },
      ),
    );
  });

  it('any text reply renders within Block Kit limits with nothing unescaped', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 9000 }),
        fc.constantFrom('info', 'warning', 'error') as fc.Arbitrary<'info'>,
        (text, tone) => {
          const m = renderReply({ kind: 'text', text, tone });
          checkLimits(m);
          expectNoControlSequences(m);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('one post a turn', () => {
  it('a greeting that leads into a question is one message, which asks that question', () => {
    const posts = renderReplies([{ kind: 'text', text: 'Hi, I am calfbot.' }, yesNo]);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.question).toBe(yesNo.question);
    const m = posts[0]!.message;
    checkLimits(m);
    expect(blocksOf(m)[0]?.text.text).toBe('Hi, I am calfbot.');
    expect(actionIds(m)).toEqual([ACTION.yes, ACTION.no, ACTION.unsure, ACTION.why, ACTION.restart]);
    expect(m.text).toContain('Hi, I am calfbot.');
    expect(m.text).toContain(yesNo.text);
  });

  it('text with no question after it stays its own message', () => {
    const posts = renderReplies([
      { kind: 'text', text: 'one' },
      { kind: 'text', text: 'two' },
    ]);
    expect(posts.map((p) => p.message.text)).toEqual(['one', 'two']);
    expect(posts.every((p) => p.question === undefined)).toBe(true);
  });
});

describe('questions', () => {
  it('a yes/no question is a section plus Yes / No / Not sure / Why / Start over', () => {
    const m = renderQuestion(yesNo);
    checkLimits(m);
    expect(blocksOf(m)[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn', text: yesNo.text } });
    expect(actionIds(m)).toEqual([ACTION.yes, ACTION.no, ACTION.unsure, ACTION.why, ACTION.restart]);
    const labels = blocksOf(m)[1]!.elements.map((e: AnyBlock) => e.text.text);
    expect(labels).toEqual(['Yes', 'No', 'Not sure', 'Why are you asking?', 'Start over']);
    for (const e of blocksOf(m)[1]!.elements.slice(0, 4))
      expect(decodeValue(e.value)).toEqual({ q: 'q3.abc' });
    // Start over asks for confirmation.
    expect(blocksOf(m)[1]!.elements[4].confirm).toBeDefined();
  });

  it('a multi question is checkboxes (10 per group) with Submit, and long labels are listed in full', () => {
    const options = Array.from({ length: 23 }, (_, i) => ({
      finding: `finding_${i}`,
      label: i === 0 ? `A very long label ${'x'.repeat(100)}` : `Option ${i}`,
    }));
    const m = renderQuestion({
      kind: 'question',
      question: 'q1.z',
      type: 'multi',
      options,
      text: 'Any of these?',
      why: 'w',
    });
    checkLimits(m);
    const groups = blocksOf(m).filter((b) => b.type === 'actions' && b.elements[0].type === 'checkboxes');
    expect(groups.map((g) => g.elements[0].options.length)).toEqual([10, 10, 3]);
    expect(groups.flatMap((g) => g.elements[0].options.map((o: AnyBlock) => o.value))).toEqual(
      options.map((o) => o.finding),
    );
    expect(actionIds(m).slice(-4)).toEqual([ACTION.submit, ACTION.none, ACTION.why, ACTION.restart]);
    expect(blocksOf(m)[0]!.text.text).toContain('x'.repeat(100));
  });

  it('a closed question keeps its text, loses every button and says what was answered', () => {
    const q = renderQuestion({
      kind: 'question',
      question: 'q1',
      type: 'multi',
      options: [{ finding: 'a', label: 'A' }],
      text: 'Any?',
      why: 'w',
    });
    const closed = renderClosedQuestion(q.blocks, slackCopy.answered('A <b>'));
    expect(closed.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(blocksOf(closed)[0]!.text.text).toBe('Any?');
    expect(blocksOf(closed).at(-1)!.elements[0].text).toBe(':white_check_mark: You answered: A &lt;b&gt;');
    // With nothing to keep (an ephemeral message), the note stands alone.
    expect(renderClosedQuestion(undefined, 'x').blocks).toHaveLength(1);
  });
});

describe('assessments', () => {
  it('header, triage advice first, ranked causes, evidence, linked sources, disclaimer, Start over', () => {
    const m = renderAssessment(assessment());
    checkLimits(m);
    expectNoControlSequences(m);
    const types = blocksOf(m).map((b) => b.type);
    expect(types[0]).toBe('header');
    // Sources, disclaimer, then Helpful / Not helpful and Start over.
    expect(types.slice(-4)).toEqual(['context', 'context', 'actions', 'actions']);
    const texts = mrkdwnTexts(m);
    expect(texts[0]).toMatch(/^:stethoscope: \*Book an appointment/);
    const causes = texts.find((t) => t.includes(slackCopy.causesTitle))!;
    expect(causes.indexOf('Low magnesium')).toBeLessThan(causes.indexOf('Dehydration'));
    expect(causes).toContain('Based on: Cramps at night');
    expect(causes).toContain('Too little fluid &amp; salt.');
    expect(
      texts.some((t) => t.startsWith(`*${slackCopy.evidence}*`) && t.includes('Ask a pharmacist first.')),
    ).toBe(true);
    const sources = blocksOf(m)
      .at(-4)!
      .elements.map((e: AnyBlock) => e.text)
      .join(' ');
    expect(sources).toContain('<https://www.nhs.uk/conditions/leg-cramps/|Leg cramps> (NHS)');
    expect(sources).toContain('|Magnesium &amp; you>');
    expect(blocksOf(m).at(-3)!.elements[0].text).toBe('_This is general information, not a diagnosis._');
    expect(m.text).toMatch(/^Book an appointment with your doctor: See your doctor/);
  });

  it('an emergency is unmissable', () => {
    const m = renderAssessment(
      assessment({
        triage: 'emergency',
        headline: 'Call 911 now',
        nextSteps: ['Call 911 or go to the emergency department now.'],
      }),
    );
    expect(blocksOf(m)[0]!.text.text).toContain('Call 911 now');
    expect(mrkdwnTexts(m)[0]).toBe(
      ':rotating_light: *Call 911 now*\n• *Call 911 or go to the emergency department now.*',
    );
    expect(m.text).toMatch(/^Call 911 now/);
  });

  it('a huge assessment stays within 50 blocks and keeps sources and disclaimer', () => {
    const causes = Array.from({ length: 80 }, (_, i) => ({
      id: `c${i}`,
      name: `Cause ${i}`,
      summary: 'word '.repeat(200),
      because: [
        { finding: 'a', label: 'A' },
        { finding: 'b', label: 'B' },
      ],
      score: 80 - i,
    }));
    const sources = Array.from({ length: 60 }, (_, i) => ({
      id: `s${i}`,
      title: `Source ${i}`,
      publisher: 'P',
      url: `https://example.org/${i}`,
    }));
    const m = renderAssessment(
      assessment({ causes, sources, watchFor: Array(100).fill('watch '.repeat(40)) }),
    );
    checkLimits(m);
    const types = blocksOf(m).map((b) => b.type);
    // Sources, disclaimer, then Helpful / Not helpful and Start over.
    expect(types.slice(-4)).toEqual(['context', 'context', 'actions', 'actions']);
    expect(mrkdwnTexts({ text: '', blocks: [m.blocks.at(-4)!] }).join(' ')).toContain('Source 59');
  });

  it('shows the honest word on the evidence', () => {
    const text = mrkdwnTexts(renderAssessment(assessment())).join('\n');
    expect(text).toContain('Supplements help only when levels are low.');
    expect(text).toContain('Ask a pharmacist first.');
  });
});
