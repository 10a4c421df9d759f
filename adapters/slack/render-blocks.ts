/**
 * Reply → Slack message (Block Kit blocks plus the notification `text`). Pure: no I/O.
 *
 * Every piece of text goes through `escapeMrkdwn` (the machine may echo what a user typed), and
 * Block Kit limits are respected: section text ≤ 3000 characters, ≤ 50 blocks, header ≤ 150,
 * button text ≤ 75, button value ≤ 2000, ≤ 10 options per checkbox group, unique action ids.
 */
import type { types } from '@slack/bolt';
import type { AssessmentReply, QuestionReply, Reply, Triage } from '../../src/vocabulary.js';
import { labels } from '../shared/labels.js';
import { truncate } from '../shared/text.js';
import { ACTION, checkboxActionId, checkboxBlockId, encodeValue } from './action-ids.js';
import { slackCopy } from './copy.js';
import { escapeMrkdwn, mrkdwnLink, neutralisePlain, splitMrkdwn } from './escape.js';
import { feedbackBlock } from './feedback.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

export const LIMITS = {
  sectionText: 3000,
  blocks: 50,
  header: 150,
  buttonText: 75,
  optionText: 75,
  optionsPerCheckboxes: 10,
  contextElements: 10,
  fallbackText: 3000,
} as const;

export interface SlackMessage {
  /** Notification / accessibility text (mrkdwn, escaped). */
  text: string;
  blocks: KnownBlock[];
}

const TRIAGE_EMOJI: Record<Triage, string> = {
  emergency: ':rotating_light:',
  urgent: ':warning:',
  see_doctor: ':stethoscope:',
  self_care: ':house:',
};
const TONE_PREFIX = { info: '', warning: ':warning: ', error: ':x: ' } as const;

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const plain = (text: string, max: number) => ({
  type: 'plain_text' as const,
  text: truncate(neutralisePlain(text), max),
  emoji: true,
});

/** One or more sections for escaped mrkdwn of any length. */
function sections(escaped: string): KnownBlock[] {
  return splitMrkdwn(escaped, LIMITS.sectionText).map((t) => ({ type: 'section', text: mrkdwn(t) }));
}

/** Notification text: escaped, and still within the limit after escaping (no entity cut in half). */
function fallback(raw: string): string {
  const escaped = escapeMrkdwn(truncate(raw, LIMITS.fallbackText));
  if (escaped.length <= LIMITS.fallbackText) return escaped;
  return `${splitMrkdwn(escaped, LIMITS.fallbackText - 1)[0]}…`;
}

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: plain(text, LIMITS.buttonText),
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

function restartButton(question?: string): Button {
  const { title, text, confirm, deny } = slackCopy.startOverConfirm;
  return {
    ...button(labels.startOver, ACTION.restart, encodeValue(question ? { q: question } : {})),
    confirm: {
      title: plain(title, 100),
      text: plain(text, 300),
      confirm: plain(confirm, 30),
      deny: plain(deny, 30),
    },
  };
}

/** Keep the first blocks and always the tail (sources, disclaimer, buttons) within 50 blocks. */
function capBlocks(head: KnownBlock[], tail: KnownBlock[] = []): KnownBlock[] {
  const room = LIMITS.blocks - tail.length;
  return [...head.slice(0, room), ...tail];
}

export function renderText(text: string, tone: 'info' | 'warning' | 'error' = 'info'): SlackMessage {
  const escaped = `${TONE_PREFIX[tone]}${escapeMrkdwn(text)}`;
  return { text: fallback(text), blocks: capBlocks(sections(escaped)) };
}

export function renderQuestion(q: QuestionReply): SlackMessage {
  const value = encodeValue({ q: q.question });
  const why = button(labels.why, ACTION.why, value);
  if (q.type === 'yes_no') {
    return {
      text: fallback(q.text),
      blocks: capBlocks(sections(escapeMrkdwn(q.text)), [
        {
          type: 'actions',
          block_id: `calves_q_${q.question}`.slice(0, 255),
          elements: [
            button(labels.yes, ACTION.yes, encodeValue({ q: q.question }), 'primary'),
            button(labels.no, ACTION.no, value),
            button(labels.unsure, ACTION.unsure, value),
            why,
            restartButton(q.question),
          ],
        },
      ]),
    };
  }
  const cut = q.options.some((o) => o.label.length > LIMITS.optionText);
  const fullList = cut ? `\n${q.options.map((o, i) => `${i + 1}. ${escapeMrkdwn(o.label)}`).join('\n')}` : '';
  const intro = `${escapeMrkdwn(q.text)}${fullList}\n_${slackCopy.tickAll}_`;
  const groups: KnownBlock[] = [];
  for (let i = 0; i * LIMITS.optionsPerCheckboxes < q.options.length; i++) {
    const options = q.options.slice(i * LIMITS.optionsPerCheckboxes, (i + 1) * LIMITS.optionsPerCheckboxes);
    groups.push({
      type: 'actions',
      block_id: checkboxBlockId(q.question, i),
      elements: [
        {
          type: 'checkboxes',
          action_id: checkboxActionId(i),
          options: options.map((o) => ({ text: plain(o.label, LIMITS.optionText), value: o.finding })),
        },
      ],
    });
  }
  return {
    text: fallback(q.text),
    blocks: capBlocks(sections(intro), [
      ...groups,
      {
        type: 'actions',
        block_id: `calves_q_${q.question}`.slice(0, 255),
        elements: [
          button(slackCopy.submit, ACTION.submit, value, 'primary'),
          button(labels.none, ACTION.none, value),
          why,
          restartButton(q.question),
        ],
      },
    ]),
  };
}

const bullets = (items: string[], bold = false): string =>
  items.map((s) => `• ${bold ? `*${escapeMrkdwn(s)}*` : escapeMrkdwn(s)}`).join('\n');

export function renderAssessment(a: AssessmentReply): SlackMessage {
  const loud = a.triage === 'emergency' || a.triage === 'urgent';
  const head: KnownBlock[] = [
    { type: 'header', text: plain(`${slackCopy.assessmentTitle}: ${a.headline}`, LIMITS.header) },
  ];
  const advice = `${TRIAGE_EMOJI[a.triage]} *${escapeMrkdwn(a.headline)}*${
    a.nextSteps.length > 0 ? `\n${bullets(a.nextSteps, loud)}` : ''
  }`;
  head.push(...sections(advice), { type: 'divider' });
  if (a.causes.length > 0) {
    const lines = a.causes.map((c, i) => {
      const because =
        c.because.length > 0
          ? `\n      _${slackCopy.basedOn}: ${escapeMrkdwn(c.because.map((b) => b.label).join(', '))}_`
          : '';
      return `${i + 1}. *${escapeMrkdwn(c.name)}*: ${escapeMrkdwn(c.summary)}${because}`;
    });
    head.push(...sections(`*${slackCopy.causesTitle}*\n${lines.join('\n')}`));
  }
  const evidence = a.evidence ?? [];
  if (evidence.length > 0) head.push(...sections(`*${slackCopy.evidence}*\n${bullets(evidence)}`));
  if (a.watchFor.length > 0) head.push(...sections(`*${slackCopy.watchFor}*\n${bullets(a.watchFor)}`));
  if (a.doctorSummary?.trim()) {
    head.push(...sections(`*${slackCopy.forDoctor}*\n${escapeMrkdwn(a.doctorSummary)}`));
  }
  const tail: KnownBlock[] = [];
  if (a.sources.length > 0) {
    const links = a.sources.map((s) => `${mrkdwnLink(s.url, s.title)} (${escapeMrkdwn(s.publisher)})`);
    const perElement = Math.ceil(links.length / (LIMITS.contextElements - 1));
    const elements = [mrkdwn(`*${slackCopy.sources}:*`)];
    for (let i = 0; i < links.length; i += perElement) {
      elements.push(mrkdwn(truncate(links.slice(i, i + perElement).join(' · '), LIMITS.sectionText)));
    }
    tail.push({ type: 'context', elements });
  }
  tail.push(
    {
      type: 'context',
      elements: [mrkdwn(`_${truncate(escapeMrkdwn(a.disclaimer), LIMITS.sectionText - 2)}_`)],
    },
    feedbackBlock(a.triage),
    { type: 'actions', block_id: 'calves_assessment', elements: [restartButton()] },
  );
  const text = fallback(`${a.headline}${a.nextSteps[0] ? `: ${a.nextSteps[0]}` : ''}`);
  return { text, blocks: capBlocks(head, tail) };
}

/** One Slack message of a turn, and the question it asks (its ts is remembered for that question). */
export interface RenderedPost {
  message: SlackMessage;
  question?: string;
}

/**
 * A turn's replies as Slack posts: plain text that leads into a question (the greeting of a new
 * conversation, "noted", ...) goes in the question's own message, so a turn is one post where it
 * can be. Text that would push the question past the block limit stays a message of its own.
 */
export function renderReplies(replies: readonly Reply[]): RenderedPost[] {
  const posts: RenderedPost[] = [];
  let lead: Array<{ raw: string; message: SlackMessage }> = [];
  const flush = () => {
    for (const l of lead) posts.push({ message: l.message });
    lead = [];
  };
  for (const reply of replies) {
    const message = renderReply(reply);
    if (reply.kind === 'text') {
      lead.push({ raw: reply.text, message });
      continue;
    }
    if (reply.kind === 'question') {
      const blocks = [...lead.flatMap((l) => l.message.blocks), ...message.blocks];
      if (lead.length > 0 && blocks.length <= LIMITS.blocks) {
        const text = fallback([...lead.map((l) => l.raw), reply.text].join('\n'));
        posts.push({ message: { text, blocks }, question: reply.question });
        lead = [];
        continue;
      }
    }
    flush();
    posts.push({ message, ...(reply.kind === 'question' ? { question: reply.question } : {}) });
  }
  flush();
  return posts;
}

export function renderReply(reply: Reply): SlackMessage {
  switch (reply.kind) {
    case 'text':
      return renderText(reply.text, reply.tone);
    case 'question':
      return renderQuestion(reply);
    case 'assessment':
      return renderAssessment(reply);
  }
}

/**
 * The question message after it was answered (or went stale): the original blocks without their
 * buttons and checkboxes, plus one line saying what happened. With no original blocks (ephemeral
 * messages do not come back with the click) the line stands alone.
 */
export function renderClosedQuestion(
  original: ReadonlyArray<{ type: string }> | undefined,
  note: string,
  icon = ':white_check_mark:',
): SlackMessage {
  const hint = `\n_${slackCopy.tickAll}_`;
  const kept = (original ?? [])
    .filter((b) => b.type !== 'actions')
    .map((b) => {
      const text = (b as { text?: { type?: string; text?: unknown } }).text;
      if (b.type !== 'section' || typeof text?.text !== 'string' || !text.text.endsWith(hint)) return b;
      return { ...b, text: { ...text, text: text.text.slice(0, -hint.length) } };
    }) as KnownBlock[];
  const line: KnownBlock = { type: 'context', elements: [mrkdwn(`${icon} ${escapeMrkdwn(note)}`)] };
  return { text: fallback(note), blocks: [...kept.slice(0, LIMITS.blocks - 1), line] };
}

/** The message with one small context line added at the end (skipped if the message is full). */
export function withNote(message: SlackMessage, note: string, icon = ':lock:'): SlackMessage {
  if (message.blocks.length >= LIMITS.blocks) return message;
  return {
    text: message.text,
    blocks: [...message.blocks, { type: 'context', elements: [mrkdwn(`${icon} ${escapeMrkdwn(note)}`)] }],
  };
}
