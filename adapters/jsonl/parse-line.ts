/** One input line of `calfbot converse` (see ../shared/eval/CONTRACT.md), validated with zod. */
import { z } from 'zod';
import { CalfbotError } from '../../src/errors.js';
import type { EventMeta, UserEvent } from '../../src/vocabulary.js';

const id = z.string().min(1).max(200);
const base = { conversation: id, user: id.optional(), event: id.optional() };

const lineSchema = z.union([
  z.object({ ...base, text: z.string() }),
  z.object({
    ...base,
    answer: z.union([
      z.object({ question: id, choice: z.enum(['yes', 'no', 'unsure']) }),
      z.object({ question: id, selected: z.array(id).max(50) }),
    ]),
  }),
  z.object({ ...base, command: z.enum(['restart', 'forget', 'help', 'why', 'back']) }),
]);

export interface ParsedLine {
  conversation: string;
  event: UserEvent;
  meta: EventMeta;
}

export function parseLine(line: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new CalfbotError(
      'INPUT_INVALID_JSON',
      'That line is not valid JSON. Send one JSON object per line.',
    );
  }
  const result = lineSchema.safeParse(json);
  if (!result.success) {
    throw new CalfbotError(
      'INPUT_INVALID_SHAPE',
      'That line does not fit the contract: send {"conversation":"…"} with one of "text", "answer" {question, choice|selected} or "command" (restart, forget, help).',
    );
  }
  const data = result.data;
  const meta: EventMeta = {
    ...(data.user ? { user: `jsonl:${data.user}` } : {}),
    ...(data.event ? { eventId: data.event } : {}),
  };
  let event: UserEvent;
  if ('text' in data) event = { kind: 'text', text: data.text };
  else if ('command' in data) event = { kind: 'command', command: data.command };
  else if ('choice' in data.answer)
    event = { kind: 'answer', question: data.answer.question, choice: data.answer.choice };
  else event = { kind: 'select', question: data.answer.question, selected: data.answer.selected };
  return { conversation: data.conversation, event, meta };
}
