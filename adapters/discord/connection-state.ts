/**
 * Whether the Discord gateway connection is up, for /readyz and metrics: logged in and every
 * shard this client runs READY (a shard that lost its connection is Connecting / Resuming until
 * it is back; the manager's own status stays Ready once it first was).
 */
import { type Client, Status } from 'discord.js';

export const discordConnected = (client: Client): boolean =>
  client.isReady() && client.ws.shards.size > 0 && client.ws.shards.every((s) => s.status === Status.Ready);
