/** Commands typed as words: restart, help, forget, why, back. Only whole short messages count. */
import type { Command } from '../vocabulary.js';
import { tokenize } from './normalize.js';

const COMMAND_PHRASES: Array<[Command, string[]]> = [
  [
    'restart',
    [
      'restart',
      'start over',
      'start again',
      'reset',
      'new',
      'begin again',
      'start from scratch',
      'from the start',
    ],
  ],
  [
    'help',
    ['help', 'menu', 'commands', 'what can you do', 'how does this work', 'how do you work', 'help me'],
  ],
  [
    'forget',
    [
      'forget',
      'forget me',
      'forget everything',
      'delete my data',
      'delete everything',
      'delete my information',
      'erase my data',
      'remove my data',
    ],
  ],
  [
    'why',
    [
      'why',
      'why are you asking',
      'why are you asking that',
      'why do you ask',
      'why do you want to know',
      'why does that matter',
      'why does it matter',
      'why is that important',
      'why ask',
      'why that',
      'why do you need to know',
    ],
  ],
  [
    'back',
    ['back', 'go back', 'undo', 'change my answer', 'change my last answer', 'previous', 'oops go back'],
  ],
];

const TABLE = new Map<string, Command>();
for (const [command, phrases] of COMMAND_PHRASES) {
  for (const p of phrases) TABLE.set(p, command);
}

export function parseCommand(text: string): Command | null {
  const tokens = tokenize(text.trim().replace(/^[/!]/, ''));
  if (tokens.length === 0 || tokens.length > 6) return null;
  const joined = tokens.join(' ');
  return (
    TABLE.get(joined) ?? TABLE.get(tokens.filter((t) => t !== 'please' && t !== 'calfbot').join(' ')) ?? null
  );
}
