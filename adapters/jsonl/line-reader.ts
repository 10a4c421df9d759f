/**
 * Lines of a byte stream, framed on `\n` only: a `\r` stays in the line (JSON reads it as
 * whitespace; inside a string it is an error of that one line), so one input line is always one
 * output line. A line longer than `maxBytes` is not held: its bytes are dropped as they arrive
 * and it comes out as `{ tooLong: true }` when its `\n` (or the end) does. A last line with no
 * `\n` still counts. Chunks are pulled only as fast as the caller consumes lines.
 */
import type { Readable } from 'node:stream';

export type Line = { text: string; tooLong?: false } | { tooLong: true };

const NEWLINE = 0x0a;

export async function* readLines(input: Readable, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let any = false;
  const take = (piece: Buffer) => {
    any = true;
    if (tooLong) return;
    if (size + piece.length > maxBytes) {
      tooLong = true;
      parts = [];
      size = 0;
      return;
    }
    if (piece.length > 0) parts.push(piece);
    size += piece.length;
  };
  const finish = (): Line => {
    const line: Line = tooLong ? { tooLong: true } : { text: Buffer.concat(parts, size).toString('utf8') };
    parts = [];
    size = 0;
    tooLong = false;
    any = false;
    return line;
  };
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE, start); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      take(buf.subarray(start, nl));
      yield finish();
      start = nl + 1;
    }
    if (start < buf.length) take(buf.subarray(start));
  }
  if (any) yield finish();
}
