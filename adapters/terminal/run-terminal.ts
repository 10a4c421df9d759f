/** The terminal chat: what `npm start` opens when no platform token is configured. */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Bot } from '../../src/bot.js';
import { ansi, renderText } from './render-text.js';

export async function runTerminal(opts: {
  bot: Bot;
  input: Readable;
  output: Writable;
  colour?: boolean;
}): Promise<void> {
  const { bot, input, output } = opts;
  const style = opts.colour ? ansi : undefined;
  const key = `terminal:${randomUUID()}`;
  const user = `terminal:${process.env.USER ?? 'local'}`;
  const rl = createInterface({ input, output, terminal: opts.colour ?? false, prompt: 'you> ' });
  const say = (s: string) => output.write(`${s}\n\n`);
  say(
    [
      'calfbot: health information about sore or cramping calves. Not a diagnosis.',
      'In an emergency, call your local emergency number now.',
      'Tell me what is going on (e.g. "why do my calves hurt?"). Type "help" for commands, "quit" to leave.',
    ].join('\n'),
  );
  rl.prompt();
  for await (const line of rl) {
    if (/^\s*(quit|exit|bye|q)\s*$/i.test(line)) break;
    if (line.trim() !== '') {
      const { replies } = await bot.handle(key, { kind: 'text', text: line }, { user });
      output.write('\n');
      for (const r of replies) say(renderText(r, style));
    }
    rl.prompt();
  }
  rl.close();
  output.write('\n');
  say('Take care. What you told me expires on its own; next time type "forget" to delete it sooner.');
}
