/**
 * The HTTP server for Discord interactions when no Slack HTTP receiver is there to carry the route
 * (with Slack in HTTP mode too, `/discord/interactions` is one more route on Slack's receiver, so
 * one PORT serves both). The same guards as that receiver: bounded headers, request and idle
 * times, a connection cap; anything but the routes given is 404.
 */
import http from 'node:http';
import { listenOn } from '../../../src/http-listen.js';

export interface HttpRoute {
  path: string;
  method: string[];
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
};

export interface RouteServer {
  port: number;
  close(): Promise<void>;
}

export async function serveRoutes(
  routes: ReadonlyArray<HttpRoute>,
  listen: { port: number; host?: string },
  limits: ServerLimits = DEFAULT_SERVER_LIMITS,
): Promise<RouteServer> {
  const server = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: 1_000,
    maxHeaderSize: 16 * 1024,
    // Answers are small and must not wait for Nagle's algorithm (Discord's 3 s include the trip back).
    noDelay: true,
  });
  server.maxConnections = limits.maxConnections;
  server.setTimeout(limits.requestTimeoutMs, (socket) => socket.destroy());
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('request', (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const route = routes.find((r) => r.path === path && r.method.includes(req.method ?? ''));
    if (route) return route.handler(req, res);
    res.writeHead(404, { connection: 'close' }).end();
    res.once('finish', () => req.socket.destroy());
  });
  return listenOn(server, listen.port, listen.host);
}
