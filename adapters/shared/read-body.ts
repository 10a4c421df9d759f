/**
 * Read a request body up to a limit, for calfbot's own HTTP endpoints (Slack events, Discord
 * interactions): more is a 413 (the caller closes the socket), a socket closed mid-body a 400.
 */
import type http from 'node:http';

export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    const fail = (e: Error) => {
      req.off('data', onData);
      reject(e);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return fail(new Refused(413, 'body_too_large'));
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks));
    });
    req.once('error', fail);
    req.once('close', () => {
      if (!ended) fail(new Refused(400, 'aborted'));
    });
  });
}
