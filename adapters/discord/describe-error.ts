/** A loggable summary of an error: names, codes and statuses only, never URLs (they hold interaction tokens). */
import { DiscordAPIError, HTTPError } from 'discord.js';
import { isCalfbotError } from '../../src/errors.js';

export interface ErrorSummary {
  name: string;
  code?: string | number;
  status?: number;
  method?: string;
  message?: string;
}

export function describeError(error: unknown): ErrorSummary {
  if (error instanceof DiscordAPIError) {
    return {
      name: 'DiscordAPIError',
      code: error.code,
      status: error.status,
      method: error.method,
      message: error.message.slice(0, 200),
    };
  }
  if (error instanceof HTTPError) return { name: 'HTTPError', status: error.status, method: error.method };
  if (isCalfbotError(error))
    return { name: error.name, code: error.code, message: error.message.slice(0, 200) };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}) };
  }
  return { name: typeof error };
}
