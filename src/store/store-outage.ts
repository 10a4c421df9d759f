/**
 * Store outages: one warn line when a backend goes away, one info line when it is back, and the
 * CalfbotError('STORE_UNAVAILABLE') that makes the Bot answer "I can't reach my memory".
 * Logs carry the backend, a password-free target and the driver's error code; never messages,
 * which may quote keys or data.
 */
import { CalfbotError, isCalfbotError } from '../errors.js';
import type { Logger } from '../log.js';

export type StoreBackend = 'sqlite' | 'redis';

/** The driver's error code (ECONNREFUSED, SQLITE_BUSY, ...) or the error's name. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name) return name;
  }
  return 'UNKNOWN';
}

export function storeUnavailable(backend: StoreBackend, error: unknown): CalfbotError {
  if (isCalfbotError(error, 'STORE_UNAVAILABLE')) return error;
  return new CalfbotError('STORE_UNAVAILABLE', `The ${backend} store is unavailable (${errorCode(error)}).`, {
    cause: error,
  });
}

/** Remembers whether the backend is down so an outage is logged once, not once per request. */
export class OutageLog {
  private down = false;

  constructor(
    private readonly logger: Logger,
    private readonly backend: StoreBackend,
    /** Where the store lives, already free of secrets (a file path, or redis host:port/db). */
    private readonly target: string,
  ) {}

  get isDown(): boolean {
    return this.down;
  }

  markDown(error: unknown): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn(
      { event: 'store_unavailable', backend: this.backend, target: this.target, code: errorCode(error) },
      'store unavailable; will keep retrying',
    );
  }

  markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info(
      { event: 'store_recovered', backend: this.backend, target: this.target },
      'store recovered',
    );
  }
}
