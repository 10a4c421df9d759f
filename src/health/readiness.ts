/**
 * Is this process ready for traffic? The store answers (a read of a key nobody writes, within a
 * second) and every platform connection calfbot opened is up. Each check says which part failed,
 * by name only; no error text, URL or key is reported.
 */
import type { ConversationStore } from '../store/types.js';

export const READY_CHECK_TIMEOUT_MS = 1_000;
const PROBE_KEY = 'calfbot-readiness-probe';

export interface ReadyReport {
  ready: boolean;
  checks: Record<string, boolean>;
}

type Check = () => boolean | Promise<boolean>;

export class Readiness {
  private readonly checks = new Map<string, Check>();

  constructor(private readonly onStoreError: () => void = () => undefined) {}

  /** The store is reachable when a read of a probe key returns (null or a record) in time. */
  watchStore(store: Pick<ConversationStore, 'get'>): void {
    this.checks.set('store', async () => {
      const ok = await withTimeout(store.get(PROBE_KEY).then(() => true));
      if (!ok) this.onStoreError();
      return ok;
    });
  }

  watch(name: string, check: Check): void {
    this.checks.set(name, check);
  }

  async report(): Promise<ReadyReport> {
    const entries = await Promise.all(
      [...this.checks].map(
        async ([name, check]) => [name, await withTimeout(Promise.resolve().then(check))] as const,
      ),
    );
    const checks = Object.fromEntries(entries);
    return { ready: entries.every(([, ok]) => ok), checks };
  }
}

/** true/false from `work`, false on rejection or after READY_CHECK_TIMEOUT_MS. */
function withTimeout(work: Promise<boolean>): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), READY_CHECK_TIMEOUT_MS);
    timer.unref();
    work.then(
      (ok) => {
        clearTimeout(timer);
        resolve(ok);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}
