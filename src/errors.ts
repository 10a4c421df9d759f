/** Errors carry a stable code and a message a user (or an operator) can act on. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'KNOWLEDGE_INVALID'
  | 'STORE_UNAVAILABLE'
  | 'STORE_CONFLICT'
  /** A stored secret does not open with the configured key (wrong key, or altered). */
  | 'STORE_CORRUPT'
  | 'INPUT_INVALID_JSON'
  | 'INPUT_INVALID_SHAPE'
  | 'INPUT_TOO_LONG'
  | 'PLATFORM_ERROR'
  /** A platform's reply window closed before the turn was done (Discord's interaction token). */
  | 'INTERACTION_EXPIRED'
  | 'INTERNAL';

export class CalfbotError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CalfbotError';
    this.code = code;
  }
}

export const isCalfbotError = (e: unknown, code?: ErrorCode): e is CalfbotError =>
  e instanceof CalfbotError && (code === undefined || e.code === code);
