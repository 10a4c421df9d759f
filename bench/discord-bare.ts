/**
 * The Discord baseline: a bare discord.js client (Guilds intent, REST at the fake) that answers
 * every slash command with one fixed ephemeral reply. `node discord-bare.js` with DISCORD_TOKEN
 * and DISCORD_API_URL set; prints `{"ready":true}` once the gateway is READY.
 */
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';

const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api: process.env.DISCORD_API_URL?.replace(/\/+$/, '') },
});

client.on(Events.InteractionCreate, (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  interaction
    .reply({ content: 'Thanks. This is a fixed reply.', flags: MessageFlags.Ephemeral })
    .catch(() => undefined);
});
client.once(Events.ClientReady, () => {
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
});
process.on('SIGTERM', () => {
  void client.destroy().finally(() => process.exit(0));
});
await client.login(process.env.DISCORD_TOKEN);
