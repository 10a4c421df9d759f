/** Typed words as the core reads them, once, before any turn: control characters go, commands are recognised. */
import { stripControl } from './understanding/normalize.js';
import { parseCommand } from './understanding/parse-command.js';
import type { UserEvent } from './vocabulary.js';

/** The event as the machine takes it: control characters stripped, typed commands read (once). */
export function readEvent(incoming: UserEvent): UserEvent {
  if (incoming.kind !== 'text') return incoming;
  const text = stripControl(incoming.text);
  const command = parseCommand(text);
  const question = incoming.question !== undefined ? { question: incoming.question } : {};
  return command ? { kind: 'command', command, ...question } : { kind: 'text', text, ...question };
}
