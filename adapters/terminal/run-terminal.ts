/**
 * The terminal chat: what `npm start` opens when no platform token is configured. One person at
 * their own keyboard, so no rate limit (the CLI creates the bot without one). The conversation is
 * kept under this user's terminal key: an unfinished one is offered back at the next start
 * ("carry on where we left off?"), and dropped when declined or already finished.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Bot } from '../../src/bot.js';
import type { Reply } from '../../src/vocabulary.js';
import { ansi, renderText } from './render-text.js';
import { widthOf, wrapBlock } from './wrap.js';

const QUIT = /^\s*(quit|exit|bye|q)\s*$/i;
const YES = /^\s*(y|yes|yeah|yep|ok|sure|please|carry on|continue)\b/i;

export async function runTerminal(opts: {
  bot: Bot;
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
  const show = (replies: Reply[]) => {
    for (const r of replies) say(renderText(r, style, { width: width(), knowledge: bot.knowledge }));
  };
  sayWrapped(
    [
      'calfbot: health information about sore or cramping calves. Not a diagnosis.',
      'In an emergency, call your local emergency number now.',
      'Tell me what is going on (e.g. "why do my calves hurt?"). Type "help" for commands, "quit" to leave.',
    ].join('\n'),
  );

  const previous = await bot.store.get(key).catch(() => null);
  const earlier = previous?.state as { pending?: unknown; assessment?: unknown } | undefined;
  const unfinished = earlier?.pending != null && earlier.assessment === null;
  if (previous && !unfinished) await bot.store.delete(key).catch(() => undefined);
  let done = false;
  if (previous && unfinished) {
    sayWrapped('We did not finish last time. Carry on where we left off? (yes / no)');
    rl.prompt();
    const answer = await lines.next();
    if (answer.done || QUIT.test(answer.value)) done = true;
    else if (YES.test(answer.value)) {
      output.write('\n');
      // "help" repeats the waiting question; only the question is shown again.
      show(
        (await bot.handle(key, { kind: 'command', command: 'help' }, { user })).filter(
          (r) => r.kind === 'question',
        ),
      );
    } else {
      await bot.store.delete(key).catch(() => undefined);
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
      show(await bot.handle(key, { kind: 'text', text: next.value }, { user }));
    }
    rl.prompt();
  }
  rl.close();
  output.write('\n');
  sayWrapped(
    'Take care. An unfinished conversation is offered back next time and expires on its own; type "forget" to delete it now.',
  );
}
