/**
 * Errors at the platform edge: one loggable summary for any error (names, codes and statuses
 * only, never URLs or request bodies: they hold tokens and message text), and what to tell the
 * person, decided by the error's code.
 */
import { isCalfbotError } from '../../src/errors.js';

export interface ErrorSummary {
  name: string;
  code?: string | number;
  status?: number;
  method?: string;
  /** The platform's own error word (Slack's `data.error`, e.g. `channel_not_found`). */
  apiError?: string;
  retryAfter?: number;
  /** Only for our own errors and platform API errors, whose messages hold no user text. */
  message?: string;
}

export function describeError(error: unknown): ErrorSummary {
  if (typeof error !== 'object' || error === null) return { name: typeof error };
  const e = error as {
    name?: unknown;
    code?: unknown;
    status?: unknown;
    statusCode?: unknown;
    method?: unknown;
    retryAfter?: unknown;
    message?: unknown;
    data?: { error?: unknown };
  };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  const withMessage = isCalfbotError(error) || name === 'DiscordAPIError';
  return {
    name,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof e.method === 'string' ? { method: e.method } : {}),
    ...(typeof e.data?.error === 'string' ? { apiError: e.data.error } : {}),
    ...(typeof e.retryAfter === 'number' ? { retryAfter: e.retryAfter } : {}),
    ...(withMessage && typeof e.message === 'string' ? { message: e.message.slice(0, 200) } : {}),
  };
}

/** What to tell the person when handling their message failed, in the platform's words. */
export function failureText(error: unknown, words: { expired: string; other: string }): string {
  return isCalfbotError(error, 'INTERACTION_EXPIRED') ? words.expired : words.other;
}
