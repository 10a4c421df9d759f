/**
 * Acknowledge an interaction in time and deliver a plan of messages. If the plan is ready within
 * the ack budget (well under Discord's 3 s) we answer directly (reply / update); otherwise we
 * defer first (deferReply / deferUpdate) and edit or follow up when it is ready, which must be
 * before the interaction token expires (15 minutes).
 */
import type {
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  MessageFlags,
  ModalSubmitInteraction,
} from 'discord.js';
import { CalfbotError } from '../../../src/errors.js';
import { INTERACTION_TOKEN_MS } from '../limits.js';
import type { OutgoingMessage } from '../render.js';

export type RespondableInteraction =
  | ChatInputCommandInteraction
  | MessageComponentInteraction
  | ModalSubmitInteraction;

export interface InteractionPlan {
  /** Edit for the message the clicked component is on (its buttons are spent). */
  update?: { content: string; components: [] };
  /** New messages, in order (ephemeral in servers). */
  messages: OutgoingMessage[];
}

/** Leave this much of the token's life unused, for the failure report. */
const TOKEN_MARGIN_MS = 30_000;

/** How the interaction is deferred: a new (loading) message, or an update of the component's message. */
export function deferStyle(i: RespondableInteraction): 'reply' | 'update' {
  if (i.isMessageComponent()) return 'update';
  if (i.isModalSubmit() && i.isFromMessage()) return 'update';
  return 'reply';
}

const TIMEOUT = Symbol('timeout');

function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), Math.max(0, ms));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function respond(
  i: RespondableInteraction,
  plan: Promise<InteractionPlan>,
  opts: { ackBudgetMs: number; flags: MessageFlags.Ephemeral | undefined; now?: () => number },
): Promise<void> {
  const now = opts.now ?? Date.now;
  // Keep a rejection from being unhandled while we are busy deferring.
  plan.catch(() => {});
  let ready = await within(plan, opts.ackBudgetMs);
  if (ready === TIMEOUT) {
    if (i.isMessageComponent() || (i.isModalSubmit() && i.isFromMessage())) await i.deferUpdate();
    else await i.deferReply(opts.flags ? { flags: opts.flags } : {});
    const deadline = i.createdTimestamp + INTERACTION_TOKEN_MS - TOKEN_MARGIN_MS;
    ready = await within(plan, deadline - now());
    if (ready === TIMEOUT) throw new CalfbotError('INTERACTION_EXPIRED', 'interaction token about to expire');
  }
  await deliver(i, ready, opts.flags);
}

async function deliver(
  i: RespondableInteraction,
  plan: InteractionPlan,
  flags: MessageFlags.Ephemeral | undefined,
): Promise<void> {
  const messages = [...plan.messages];
  const update = plan.update && deferStyle(i) === 'update' ? plan.update : undefined;
  if (!i.deferred && !i.replied) {
    if (update && (i.isMessageComponent() || (i.isModalSubmit() && i.isFromMessage())))
      await i.update(update);
    else {
      const first = messages.shift() ?? { content: '…', embeds: [], components: [] };
      await i.reply({ ...first, ...(flags && { flags }) });
    }
  } else if (update) {
    await i.editReply(update);
  } else if (deferStyle(i) === 'reply') {
    const first = messages.shift() ?? { content: '…', embeds: [], components: [] };
    await i.editReply(first);
  }
  for (const message of messages) await i.followUp({ ...message, ...(flags && { flags }) });
}
