/**
 * Custom ids on our buttons, select menus and modals: `cb1:<verb>:<question>:<epoch>`.
 * - verb: what the component does (answer yes / no / not sure, why, start over, select, none,
 *   open the text modal, modal submitted, open the checklist form, checklist submitted);
 * - question: the question id the component answers (`-` when none), so an answer to a question
 *   that is no longer pending is recognised; as is when it is plain ASCII (`q3.mwyv1583`), else
 *   `~` + base64url of its UTF-8 (any 20-character id fits);
 * - epoch: when the conversation started (base 36 ms), so a button from an earlier conversation
 *   (after "start over", "forget" or expiry) is recognised even if question ids repeat.
 * Always at most 100 characters (Discord's limit).
 */
import { z } from 'zod';
import { CalfbotError } from '../../src/errors.js';
import { LIMITS } from './limits.js';

const PREFIX = 'cb1';
const NO_QUESTION = '-';

export const VERB_CODES = {
  yes: 'y',
  no: 'n',
  unsure: 'u',
  why: 'w',
  restart: 'r',
  select: 's',
  none: '0',
  describe: 'd',
  modal: 'm',
  /** Open the checklist form (a modal with checkbox groups) for a multi-choice question. */
  checklist: 'c',
  /** The checklist form, submitted. */
  ticked: 't',
} as const;
export type Verb = keyof typeof VERB_CODES;
const VERB_BY_CODE = new Map<string, Verb>(
  Object.entries(VERB_CODES).map(([verb, code]) => [code, verb as Verb]),
);

export interface CustomId {
  verb: Verb;
  /** The question this component belongs to; null on components not tied to a question. */
  question: string | null;
  /** Conversation start time in base 36; '0' when unknown. */
  epoch: string;
}

/** Base-36 epoch of a conversation start time (epoch ms). */
export const epochOf = (startedAt: number): string => Math.max(0, Math.trunc(startedAt)).toString(36);

const PLAIN_QUESTION = /^[A-Za-z0-9._][A-Za-z0-9._-]*$/;

function encodeQuestion(question: string | null): string {
  if (question === null) return NO_QUESTION;
  if (PLAIN_QUESTION.test(question)) return question;
  return `~${Buffer.from(question, 'utf8').toString('base64url')}`;
}

function decodeQuestion(raw: string): string | null {
  if (raw === NO_QUESTION) return null;
  if (!raw.startsWith('~')) return raw;
  const decoded = Buffer.from(raw.slice(1), 'base64url').toString('utf8');
  if (encodeQuestion(decoded) !== raw) throw new Error('not canonical');
  return decoded;
}

export function encodeCustomId(id: CustomId): string {
  const question = encodeQuestion(id.question);
  const raw = `${PREFIX}:${VERB_CODES[id.verb]}:${question}:${id.epoch}`;
  if (raw.length > LIMITS.customId) {
    throw new CalfbotError(
      'INTERNAL',
      `custom id would be ${raw.length} characters (max ${LIMITS.customId})`,
    );
  }
  return raw;
}

const customIdSchema = z
  .string()
  .max(LIMITS.customId)
  .regex(/^cb1:[ynuwrs0dmct]:(?:-|[A-Za-z0-9._][A-Za-z0-9._-]*|~[A-Za-z0-9_-]+):[0-9a-z]{1,12}$/)
  .transform((raw, ctx) => {
    const [, code, question, epoch] = raw.split(':') as [string, string, string, string];
    try {
      return {
        verb: VERB_BY_CODE.get(code)!,
        question: decodeQuestion(question),
        epoch,
      } satisfies CustomId;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'bad question encoding' });
      return z.NEVER;
    }
  });

/** Parse a custom id; null when it is not one of ours (or is malformed). */
export function decodeCustomId(raw: string): CustomId | null {
  const parsed = customIdSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
