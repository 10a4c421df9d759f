/**
 * One process's health and metrics: the bot's turns counted and timed, /readyz checking the store
 * and each platform connection, served on PORT by Slack's HTTP receiver (`routes`) and, when
 * HEALTH_PORT is set, on a server of its own.
 */
import type { Bot } from '../bot.js';
import type { Logger } from '../log.js';
import { Metrics } from '../metrics.js';
import type { ConversationStore } from '../store/types.js';
import { Readiness } from './readiness.js';
import { type HealthServer, healthRoutes, startHealthServer } from './server.js';

export interface Observability {
  metrics: Metrics;
  readiness: Readiness;
  /** For Bolt's HTTP receiver: /healthz, /readyz, /metrics beside /slack/events. */
  routes: ReturnType<typeof healthRoutes>;
  /** A platform connection /readyz and calfbot_platform_connected report on. */
  watchPlatform(platform: 'slack' | 'discord', connected: () => boolean): void;
  /** Listen on `port` (HEALTH_PORT) when it is set; returns the port listened on. */
  serve(port: number | undefined, host?: string): Promise<number | undefined>;
  close(): Promise<void>;
}

/** `bot`: count and time its turns; `store` (default the bot's): the one /readyz reads. */
export function observe(
  bot: Bot | null,
  logger: Logger,
  store: Pick<ConversationStore, 'get'> | undefined = bot?.store,
): Observability {
  const metrics = new Metrics();
  const readiness = new Readiness(() => metrics.storeError('ready_check'));
  if (bot) metrics.instrument(bot);
  if (store) readiness.watchStore(store);
  const deps = { metrics, readiness };
  let server: HealthServer | undefined;
  return {
    metrics,
    readiness,
    routes: healthRoutes(deps),
    watchPlatform(platform, connected) {
      metrics.watchConnection(platform, connected);
      readiness.watch(platform, connected);
    },
    async serve(port, host) {
      if (port === undefined) return undefined;
      server = await startHealthServer(port, deps, host);
      logger.info({ event: 'health_started', port: server.port }, 'health and metrics listening');
      return server.port;
    },
    async close() {
      await server?.close();
    },
  };
}
