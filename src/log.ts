/**
 * Structured logs on stderr (stdout belongs to `calfbot converse`). Log ids, event kinds,
 * timings and outcomes: never message text, tokens or secrets.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'text',
  '*.text',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'signingSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
];

/** `destination`: a file descriptor (2 = stderr, the default) or a stream (tests capture logs this way). */
export function createLogger(
  level: string = process.env.LOG_LEVEL ?? 'info',
  destination: number | DestinationStream = 2,
): Logger {
  return pino(
    { level, base: { app: 'calfbot' }, redact: { paths: REDACT, censor: '[redacted]' } },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination,
  );
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
