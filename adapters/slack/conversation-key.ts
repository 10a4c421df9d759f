/**
 * Conversation keys: which Slack place one conversation lives in. A DM is one conversation per
 * DM channel, and each thread in it (the assistant pane's threads) one more; a channel conversation lives in one thread; a `/calves` conversation outside a DM is
 * private to the user who typed it (its replies are ephemeral), so it is keyed by user too.
 */

/** DM channel ids start with D (group DMs and channels with G or C). */
export const isDmChannel = (channel: string): boolean => channel.startsWith('D');

export const dmKey = (team: string, channel: string): string => `slack:${team}:${channel}`;
export const threadKey = (team: string, channel: string, threadTs: string): string =>
  `slack:${team}:${channel}:${threadTs}`;
export const privateKey = (team: string, channel: string, user: string): string =>
  `slack:${team}:${channel}:user:${user}`;

/** The user id the Bot records (for `forget`). */
export const slackUser = (team: string, user: string): string => `slack:${team}:${user}`;

/** Where a message (DM or mention) belongs: the DM, or the thread it starts or continues. */
export function keyForMessage(m: { team: string; channel: string; ts: string; threadTs?: string }): string {
  return isDmChannel(m.channel) ? dmKey(m.team, m.channel) : threadKey(m.team, m.channel, m.threadTs ?? m.ts);
}

/** Where a `/calves` command belongs: the DM, or the user's private conversation in that channel. */
export function keyForCommand(c: { team: string; channel: string; user: string }): string {
  return isDmChannel(c.channel) ? dmKey(c.team, c.channel) : privateKey(c.team, c.channel, c.user);
}

/** Where a click belongs, from the clicked message's container. */
export function keyForClick(c: {
  team: string;
  channel: string;
  user: string;
  ephemeral: boolean;
  messageTs?: string;
  threadTs?: string;
}): string {
  // A thread in a DM (the assistant pane) is a conversation of its own, as its messages are.
  if (isDmChannel(c.channel))
    return c.threadTs && !c.ephemeral ? threadKey(c.team, c.channel, c.threadTs) : dmKey(c.team, c.channel);
  if (c.ephemeral) return privateKey(c.team, c.channel, c.user);
  return threadKey(c.team, c.channel, c.threadTs ?? c.messageTs ?? 'unknown');
}
