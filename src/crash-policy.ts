/**
 * What the process does with an error nobody caught, so one bad request never takes every turn
 * in flight down with it:
 * - an unhandled promise rejection is one failed operation (a request, a turn): it is logged
 *   (error name and code only, never a message that might quote what someone typed) and the
 *   process keeps serving;
 * - an uncaught exception means a synchronous invariant broke and the process state is unknown:
 *   it is logged, running turns get a short grace to finish (the registered shutdown), and the
 *   process exits 1 so a supervisor starts a clean one.
 */
import type { Logger } from './log.js';

/** How long an uncaught exception waits for the shutdown before exiting anyway. */
export const CRASH_GRACE_MS = 5_000;

export interface CrashPolicy {
  /** What to run before exiting on an uncaught exception (finish turns, close the store). */
  onFatal(shutdown: () => Promise<void>): void;
  uninstall(): void;
}

function describe(reason: unknown): Record<string, unknown> {
  if (reason instanceof Error) {
    const code = (reason as { code?: unknown }).code;
    // The first stack frames say where; the message is left out (it may carry user text).
    const where = reason.stack
      ?.split('\n')
      .slice(1, 4)
      .map((l) => l.trim());
    return { name: reason.name, ...(typeof code === 'string' ? { code } : {}), ...(where ? { where } : {}) };
  }
  return { type: reason === null ? 'null' : typeof reason };
}

export function installCrashPolicy(
  logger: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): CrashPolicy {
  let shutdown: (() => Promise<void>) | undefined;
  let dying = false;
  const onRejection = (reason: unknown) => {
    logger.error(
      { event: 'unhandled_rejection', err: describe(reason) },
      'an operation failed with nobody to catch it; calfbot keeps serving',
    );
  };
  const onException = (error: unknown) => {
    logger.fatal(
      { event: 'uncaught_exception', err: describe(error) },
      'calfbot hit an error it cannot recover from; finishing running turns and exiting for a restart',
    );
    if (dying) return;
    dying = true;
    const grace = new Promise<void>((resolve) => setTimeout(resolve, CRASH_GRACE_MS).unref());
    void Promise.race([(shutdown?.() ?? Promise.resolve()).catch(() => undefined), grace]).finally(() =>
      exit(1),
    );
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    onFatal(fn) {
      shutdown = fn;
    },
    uninstall() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
