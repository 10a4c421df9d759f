/**
 * `calfbot converse`: JSON lines in on stdin, exactly one JSON line out on stdout per line in
 * (framed on `\n` only, see line-reader.ts). Lines are answered in order; a bad line (blank,
 * not JSON, too long) gets an error line and the process goes on.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { Bot } from '../../src/bot.js';
import { isCalfbotError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { readLines } from './line-reader.js';
import { parseLine } from './parse-line.js';
import { renderError, renderLine } from './render-line.js';

/** Longest input line read, in bytes; a longer one is refused unread (the Bot caps text lower). */
export const LINE_BYTES_MAX = 1_000_000;

export async function runConverse(opts: {
  bot: Bot;
  input: Readable;
  output: Writable;
  logger: Logger;
  /** Called once, when the first answer line is written (the CLI warms the speller then). */
  afterFirstLine?: () => void;
}): Promise<void> {
  const { bot, input, output, logger } = opts;
  let afterFirstLine = opts.afterFirstLine;
  for await (const line of readLines(input, LINE_BYTES_MAX)) {
    const out = line.tooLong
      ? renderError('INPUT_TOO_LONG', `That line is over ${LINE_BYTES_MAX} bytes; it was not read.`)
      : await answerLine(bot, line.text, logger);
    // Wait when stdout is full, so a slow reader never makes us buffer every answer.
    const written = output.write(`${out}\n`);
    afterFirstLine?.();
    afterFirstLine = undefined;
    if (!written) await once(output, 'drain');
  }
}

export async function answerLine(bot: Bot, line: string, logger: Logger): Promise<string> {
  if (Buffer.byteLength(line) > LINE_BYTES_MAX) {
    return renderError('INPUT_TOO_LONG', `That line is over ${LINE_BYTES_MAX} bytes; it was not read.`);
  }
  if (line.trim() === '') {
    return renderError('INPUT_INVALID_JSON', 'That line is empty. Send one JSON object per line.');
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
