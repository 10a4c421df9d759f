/**
 * Bolt (and its WebClient / Socket Mode client) log through this bridge into calfbot's pino
 * logger. Bolt's debug output dumps whole payloads and request bodies (message text, tokens), so
 * debug is dropped; other lines keep only strings and error names, codes and short messages.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

const MAX_LINE = 300;

function describe(parts: unknown[]): { msg: string; err?: { name: string; code?: string } } {
  let err: { name: string; code?: string } | undefined;
  const words: string[] = [];
  for (const part of parts) {
    if (part instanceof Error) {
      const code = (part as Error & { code?: unknown }).code;
      err = { name: part.name, ...(typeof code === 'string' ? { code } : {}) };
      words.push(part.message);
    } else if (typeof part === 'string' || typeof part === 'number' || typeof part === 'boolean') {
      words.push(String(part));
    }
  }
  const msg = words.join(' ').replace(/xox[a-z]-[\w-]+|xapp-[\w-]+/g, '[token]');
  return { msg: msg.length > MAX_LINE ? `${msg.slice(0, MAX_LINE)}…` : msg, ...(err ? { err } : {}) };
}

export function boltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  let name = 'bolt';
  const emit = (at: 'info' | 'warn' | 'error', parts: unknown[]) => {
    const { msg, err } = describe(parts);
    logger[at]({ event: 'slack_library', source: name, ...(err ? { err } : {}) }, msg);
  };
  return {
    debug: () => {},
    info: (...parts: unknown[]) => emit('info', parts),
    warn: (...parts: unknown[]) => emit('warn', parts),
    error: (...parts: unknown[]) => emit('error', parts),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n: string) => {
      name = n;
    },
  };
}
