/**
 * `calfbot converse`: JSON lines in on stdin, exactly one JSON line out on stdout per line in.
 * Lines are answered in order; a bad line gets an error line and the process goes on.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Bot } from '../../src/bot.js';
import { isCalfbotError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { parseLine } from './parse-line.js';
import { renderError, renderLine } from './render-line.js';

/** Longest input line read; anything longer is refused (text itself is capped lower by the Bot). */
export const LINE_CHARS_MAX = 1_000_000;

export async function runConverse(opts: {
  bot: Bot;
  input: Readable;
  output: Writable;
  logger: Logger;
}): Promise<void> {
  const { bot, input, output, logger } = opts;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    output.write(`${await answerLine(bot, line, logger)}\n`);
  }
}

export async function answerLine(bot: Bot, line: string, logger: Logger): Promise<string> {
  if (line.length > LINE_CHARS_MAX) {
    return renderError('INPUT_TOO_LONG', `That line is over ${LINE_CHARS_MAX} characters; it was not read.`);
  }
  try {
    const { conversation, event, meta } = parseLine(line);
    const { replies } = await bot.handle(`jsonl:${conversation}`, event, meta);
    return renderLine(conversation, replies);
  } catch (error) {
    if (isCalfbotError(error)) return renderError(error.code, error.message);
    logger.error({ event: 'converse_line', err: { name: (error as Error).name } }, 'line failed');
    return renderError('INTERNAL', 'Something went wrong with that line; the conversation is unchanged.');
  }
}
