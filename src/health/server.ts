/**
 * /healthz (the process is up and its event loop answers), /readyz (200 when ready for traffic,
 * 503 and which check failed otherwise) and /metrics (Prometheus text). The same handler serves
 * them beside Slack's /slack/events on PORT (Bolt custom routes) and on a server of their own on
 * HEALTH_PORT.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOn } from '../http-listen.js';
import type { Metrics } from '../metrics.js';
import type { Readiness } from './readiness.js';

export const HEALTH_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

export interface HealthDeps {
  readiness: Readiness;
  metrics: Metrics;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** Answer a GET of one of HEALTH_PATHS; anything else is 404 (405 for another method). */
export async function handleHealth(
  req: IncomingMessage,
  res: ServerResponse,
  deps: HealthDeps,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (!HEALTH_PATHS.includes(path as (typeof HEALTH_PATHS)[number]))
    return send(res, 404, 'text/plain', 'not found\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'GET only\n');
  try {
    if (path === '/healthz') return send(res, 200, 'application/json', '{"status":"ok"}\n');
    if (path === '/readyz') {
      const report = await deps.readiness.report();
      const body = JSON.stringify({ status: report.ready ? 'ready' : 'not ready', checks: report.checks });
      return send(res, report.ready ? 200 : 503, 'application/json', `${body}\n`);
    }
    send(res, 200, deps.metrics.contentType, await deps.metrics.text());
  } catch {
    send(res, 500, 'text/plain', 'health check failed\n');
  }
}

/** Routes for Bolt's HTTP receiver (`customRoutes`), so Slack HTTP mode serves them on PORT. */
export function healthRoutes(deps: HealthDeps) {
  return HEALTH_PATHS.map((path) => ({
    path,
    method: ['GET'],
    handler: (req: IncomingMessage, res: ServerResponse) => void handleHealth(req, res, deps),
  }));
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** A server of its own on `port` (HEALTH_PORT); port 0 picks a free one. */
export async function startHealthServer(
  port: number,
  deps: HealthDeps,
  host?: string,
): Promise<HealthServer> {
  const server: Server = createServer((req, res) => void handleHealth(req, res, deps));
  server.keepAliveTimeout = 5_000;
  return listenOn(server, port, host, true);
}
