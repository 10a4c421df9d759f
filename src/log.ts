/**
 * Structured logs on stderr (stdout belongs to `calfbot converse`). Log ids, event kinds,
 * timings and outcomes: never message text, tokens or secrets.
 */
import pino, { type Logger } from 'pino';

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

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination = 2): Logger {
  return pino(
    { level, base: { app: 'calfbot' }, redact: { paths: REDACT, censor: '[redacted]' } },
    pino.destination({ fd: destination, sync: true }),
  );
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
