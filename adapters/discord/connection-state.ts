/** Whether the Discord gateway connection is up (READY, not reconnecting), for /readyz and metrics. */
import { type Client, Status } from 'discord.js';

export const discordConnected = (client: Client): boolean =>
  client.isReady() && client.ws.status === Status.Ready;
