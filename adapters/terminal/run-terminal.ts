/**
 * The terminal chat: what `npm start` opens when no platform token is configured. One person at
 * their own keyboard, so no rate limit (the CLI creates the bot without one). The conversation is
 * kept under this user's terminal key: an unfinished one is offered back at the next start
 * ("carry on where we left off?"), and deleted when declined. Like every adapter it only talks to
 * the Bot: what is open comes from the turn's outcome, never from the store.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { copy } from '../../src/conversation/copy.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { type Logger, silentLogger } from '../../src/log.js';
import type { TurnOutcome } from '../../src/turn-outcome.js';
import type { UserEvent } from '../../src/vocabulary.js';
import { runTurn, type TurnBot } from '../shared/run-turn.js';
import { ansi, renderText } from './render-text.js';
import { widthOf, wrapBlock } from './wrap.js';

const QUIT = /^\s*(quit|exit|bye|q)\s*$/i;
const YES = /^\s*(y|yes|yeah|yep|ok|sure|please|carry on|continue)\b/i;

export async function runTerminal(opts: {
  bot: TurnBot & { knowledge?: Knowledge };
  logger?: Logger;
  input: Readable;
  output: Writable;
  colour?: boolean;
  /** Columns to wrap to; by default the output's own (process.stdout.columns), else 80. */
  width?: number;
  /** Whose terminal this is (default: $USER). */
  user?: string;
}): Promise<void> {
  const { bot, input, output } = opts;
  const style = opts.colour ? ansi : undefined;
  const user = `terminal:${opts.user ?? process.env.USER ?? 'local'}`;
  const key = user;
  const width = () => opts.width ?? widthOf(output as { columns?: number });
  const rl = createInterface({ input, output, terminal: opts.colour ?? false, prompt: 'you> ' });
  const lines = rl[Symbol.asyncIterator]();
  const say = (s: string) => output.write(`${s}\n\n`);
  const sayWrapped = (s: string) => say(wrapBlock(s, width()).join('\n'));
  const render = (outcome: TurnOutcome, only?: 'question') =>
    outcome.replies
      .filter((r) => !only || r.kind === only)
      .map((r) => renderText(r, style, { width: width(), knowledge: bot.knowledge }));
  /** One turn through the shared runner; `only` shows just the question (when resuming). */
  const turn = async (event: UserEvent, only?: 'question'): Promise<TurnOutcome | null> =>
    runTurn<string[]>(
      { bot, logger: opts.logger ?? silentLogger },
      { platform: 'terminal', surface: 'chat', key, event, meta: { user } },
      {
        // A person at the terminal sees every reply, a repeated "slow down" too.
        render: (outcome) => render(outcome, only),
        post: async (plan) => {
          for (const text of (await plan) ?? []) say(text);
        },
        apologise: async () => {
          say(copy.internalError);
        },
      },
    );

  sayWrapped(
    [
      'calfbot: health information about sore or cramping calves. Not a diagnosis.',
      'In an emergency, call your local emergency number now.',
      'Tell me what is going on (e.g. "why do my calves hurt?"). Type "help" for commands, "quit" to leave.',
    ].join('\n'),
  );

  // An unfinished check from last time? Ask the Bot quietly ("help" changes nothing, stores nothing).
  const earlier = await bot.handle(key, { kind: 'command', command: 'help' }, { user }).catch(() => null);
  let done = false;
  const forget = () => bot.handle(key, { kind: 'command', command: 'forget' }, { user }).catch(() => null);
  // A finished check is not kept for next time.
  if (earlier?.conversation && !earlier.conversation.open) await forget();
  if (earlier?.conversation?.open) {
    sayWrapped('We did not finish last time. Carry on where we left off? (yes / no)');
    rl.prompt();
    const answer = await lines.next();
    if (answer.done || QUIT.test(answer.value)) done = true;
    else if (YES.test(answer.value)) {
      output.write('\n');
      await turn({ kind: 'command', command: 'help' }, 'question');
    } else {
      await forget();
      output.write('\n');
      sayWrapped('OK, that one is deleted. Tell me what is going on.');
    }
  }

  if (!done) rl.prompt();
  while (!done) {
    const next = await lines.next();
    if (next.done || QUIT.test(next.value)) break;
    if (next.value.trim() !== '') {
      output.write('\n');
      await turn({ kind: 'text', text: next.value });
    }
    rl.prompt();
  }
  rl.close();
  output.write('\n');
  sayWrapped(
    'Take care. An unfinished conversation is offered back next time and expires on its own; type "forget" to delete it now.',
  );
}
