/**
 * Whether the Slack connection is up, for /readyz and the connection-state metric. HTTP mode has
 * no connection to lose: it is up while the app runs. Socket Mode follows the SocketModeClient's
 * connected / disconnected / reconnecting events (Bolt keeps the receiver private, hence the cast).
 */
import type { EventEmitter } from 'node:events';
import type { App } from '@slack/bolt';

export function trackSlackConnection(app: App, mode: 'socket' | 'http'): () => boolean {
  if (mode === 'http') return () => true;
  const client = (app as unknown as { receiver?: { client?: EventEmitter } }).receiver?.client;
  if (!client) return () => true;
  let up = true; // app.start() resolves once Socket Mode is connected
  client.on('connected', () => {
    up = true;
  });
  for (const state of ['disconnected', 'disconnecting', 'reconnecting'])
    client.on(state, () => {
      up = false;
    });
  return () => up;
}
