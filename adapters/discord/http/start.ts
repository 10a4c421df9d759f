/**
 * HTTP interactions mode as a running part: the endpoint, served on PORT by a server of its own
 * (with /healthz, /readyz, /metrics beside it) or, when Slack runs in HTTP mode too, as one more
 * route on Slack's receiver (`route`), so one port serves both platforms.
 */
import type { Config } from '../../../src/config.js';
import type { Logger } from '../../../src/log.js';
import type { TurnBot } from '../handlers/deps.js';
import { createInteractionsEndpoint, DISCORD_INTERACTIONS_PATH } from './endpoint.js';
import { type HttpRoute, type RouteServer, serveRoutes } from './server.js';

export interface DiscordHttp {
  /** For another server on PORT to carry (Slack's receiver). */
  route: HttpRoute;
  /** Serve the route (and `extra` routes) on a server of its own. Returns the port. */
  listen(port: number, extra?: ReadonlyArray<HttpRoute>, host?: string): Promise<number>;
  idle(): Promise<void>;
  stop(): Promise<void>;
  connected(): boolean;
}

export function createDiscordHttp(opts: { bot: TurnBot; config: Config; logger: Logger }): DiscordHttp {
  const endpoint = createInteractionsEndpoint(opts);
  let server: RouteServer | undefined;
  let stopped = false;
  return {
    route: endpoint.route,
    async listen(port, extra = [], host) {
      server = await serveRoutes([endpoint.route, ...extra], { port, ...(host && { host }) });
      opts.logger.info(
        { event: 'discord_http_started', port: server.port, path: DISCORD_INTERACTIONS_PATH },
        'serving Discord interactions over HTTP',
      );
      return server.port;
    },
    idle: () => endpoint.idle(),
    async stop() {
      stopped = true;
      await endpoint.stop();
      await server?.close();
    },
    // No connection to lose: ready while it serves.
    connected: () => !stopped,
  };
}
