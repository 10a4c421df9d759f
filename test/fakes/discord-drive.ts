/**
 * Drive a Discord conversation by clicks: on every question answer "None of these" (a menu) or
 * "No" (yes/no) until an assessment embed is shown. Works with any transport (gateway or HTTP):
 * the caller says how to wait for an interaction to be answered.
 */
import { labels as ui } from '../../adapters/shared/labels.js';
import { buttonByLabel, selectMenuOf } from './discord-harness.js';
import type { FakeDiscord, FakeUser, InteractionPlace, InteractionRef } from './fake-discord.js';

type Json = any;

export const hasAssessment = (messages: Json[]): boolean =>
  messages.some((m) => Array.isArray(m.embeds) && m.embeds.length > 0);

export interface Drive {
  /** Every interaction the drive made, first to last (the assessment is the last one's). */
  refs: InteractionRef[];
  /** Every message shown in answer to them, in order. */
  messages: Json[];
}

export async function clickToAssessment(
  fake: FakeDiscord,
  first: InteractionRef,
  settle: (ref: InteractionRef) => Promise<void>,
  opts: {
    user: FakeUser;
    maxTurns?: number;
    click?: (message: Json, customId: string) => InteractionRef;
  } & Omit<InteractionPlace, 'guildId' | 'channelId'>,
): Promise<Drive> {
  const { user, maxTurns = 20, click, ...place } = opts;
  const refs = [first];
  const messages: Json[] = [...fake.messagesOf(first)];
  let ref = first;
  for (let turn = 0; turn < maxTurns && !hasAssessment(fake.messagesOf(ref)); turn++) {
    const message: Json = fake.messagesOf(ref).findLast((m: Json) => (m.components ?? []).length > 0);
    if (!message) throw new Error(`no question to answer; calls: ${fake.describeCalls()}`);
    const answer = selectMenuOf(message) ? ui.none : ui.no;
    const id = buttonByLabel(message, answer).custom_id;
    ref = click ? click(message, id) : fake.click(message, id, { user, ...place });
    await settle(ref);
    refs.push(ref);
    messages.push(...fake.messagesOf(ref));
  }
  if (!hasAssessment(fake.messagesOf(ref))) throw new Error('no assessment within the turns allowed');
  return { refs, messages };
}
