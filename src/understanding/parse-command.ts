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
      'wipe my data',
      'wipe everything',
      'delete my info',
      'delete my details',
      'delete my stuff',
      'delete this chat',
      'delete all my data',
      'clear my data',
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
    [
      'back',
      'go back',
      'undo',
      'change my answer',
      'change my last answer',
      'previous',
      'oops go back',
      'go back and change my answer',
      'go back and change it',
      'go back and answer again',
      'answer it again',
      'answer that again',
      'change that answer',
    ],
  ],
];

const TABLE = new Map<string, Command>();
for (const [command, phrases] of COMMAND_PHRASES) {
  for (const p of phrases) TABLE.set(p, command);
}

/** Words around a command that do not change it: "wait, go back", "can we start again please". */
const LEADING = new Set([
  'wait',
  'so',
  'how',
  'do',
  'then',
  'sorry',
  'oh',
  'oops',
  'um',
  'uh',
  'hmm',
  'ok',
  'okay',
  'actually',
  'please',
  'calfbot',
  'can',
  'we',
  'could',
  'you',
  'i',
  'want',
  'to',
  'let',
  'lets',
  'me',
  'id',
  'like',
  'just',
  'hey',
]);
const TRAILING = new Set([
  'please',
  'calfbot',
  'that',
  'this',
  'it',
  'now',
  'thanks',
  'a',
  'bit',
  'one',
  'step',
  'question',
  'for',
  'me',
]);
/** "why do you need to know that", "what has that got to do with it": a question about the question. */
const WHY_WORDS = new Set([
  'ask',
  'asking',
  'know',
  'need',
  'matter',
  'matters',
  'relevant',
  'important',
  'question',
  'got',
  'care',
]);
const NOT_ABOUT_QUESTION = new Set([
  'calf',
  'calves',
  'leg',
  'legs',
  'hurt',
  'hurts',
  'ache',
  'aches',
  'cramp',
  'cramps',
  'pain',
  'sore',
  'swollen',
  'swell',
]);

export function parseCommand(text: string): Command | null {
  const tokens = tokenize(text.trim().replace(/^[/!]/, ''));
  if (tokens.length === 0 || tokens.length > 10) return null;
  const exact = TABLE.get(tokens.join(' '));
  if (exact) return exact;
  let from = 0;
  let to = tokens.length;
  while (from < to && LEADING.has(tokens[from]!) && !TABLE.has(tokens.slice(from, to).join(' '))) from++;
  while (to > from && TRAILING.has(tokens[to - 1]!) && !TABLE.has(tokens.slice(from, to).join(' '))) to--;
  const core = tokens.slice(from, to);
  const found = TABLE.get(core.join(' ')) ?? TABLE.get(core.filter((t) => t !== 'please').join(' '));
  if (found) return found;
  const asksWhy =
    (tokens[0] === 'why' || (tokens[0] === 'what' && tokens.includes('do') && tokens.includes('with'))) &&
    tokens.some((t) => WHY_WORDS.has(t)) &&
    !tokens.some((t) => NOT_ABOUT_QUESTION.has(t));
  return asksWhy ? 'why' : null;
}
