/** The terminal chat: what `npm start` opens when no platform token is configured. */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { copy } from '../../src/conversation/copy.js';
import { type Logger, silentLogger } from '../../src/log.js';
import { runTurn, type TurnBot } from '../shared/run-turn.js';
import { ansi, renderText } from './render-text.js';

export async function runTerminal(opts: {
  bot: TurnBot;
  logger?: Logger;
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
      output.write('\n');
      await runTurn<string[]>(
        { bot, logger: opts.logger ?? silentLogger },
        { platform: 'terminal', surface: 'chat', key, event: { kind: 'text', text: line }, meta: { user } },
        {
          // A person at the terminal sees every reply, a repeated "slow down" too.
          render: (outcome) => outcome.replies.map((r) => renderText(r, style)),
          post: async (plan) => {
            for (const text of (await plan) ?? []) say(text);
          },
          apologise: async () => {
            say(copy.internalError);
          },
        },
      );
    }
    rl.prompt();
  }
  rl.close();
  output.write('\n');
  say('Take care. What you told me expires on its own; next time type "forget" to delete it sooner.');
}
