/**
 * Builders for what Slack sends an app: Events API envelopes (DM messages, mentions), slash
 * command fields, and `block_actions` payloads built from the blocks the bot actually posted
 * (so a test clicks the real button, with its real value).
 */
import type { FakeSlack, FakeSlackMessage } from './fake-slack.js';

let counter = 0;
/** A fresh Slack-style message ts. */
export const userTs = (): string => `1710000000.${String(++counter).padStart(6, '0')}`;
const fresh = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(++counter).toString(36)}`;

export function eventEnvelope(
  fake: Pick<FakeSlack, 'teamId' | 'botUserId'>,
  event: Record<string, unknown>,
  eventId = fresh('Ev'),
) {
  return {
    token: 'legacy-verification-token',
    team_id: fake.teamId,
    api_app_id: 'A0CALFBOT',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: fake.teamId, user_id: fake.botUserId, is_bot: true }],
    is_ext_shared_channel: false,
  };
}

export interface MessageFields {
  channel: string;
  user: string;
  text: string;
  ts?: string;
  thread_ts?: string;
  team?: string;
}

export function dmMessageEvent(f: MessageFields) {
  const ts = f.ts ?? userTs();
  return {
    type: 'message',
    channel_type: 'im',
    channel: f.channel,
    user: f.user,
    text: f.text,
    ts,
    event_ts: ts,
    ...(f.thread_ts ? { thread_ts: f.thread_ts } : {}),
    ...(f.team ? { team: f.team } : {}),
  };
}

export function appMentionEvent(f: MessageFields) {
  const ts = f.ts ?? userTs();
  return {
    type: 'app_mention',
    channel: f.channel,
    user: f.user,
    text: f.text,
    ts,
    event_ts: ts,
    ...(f.thread_ts ? { thread_ts: f.thread_ts } : {}),
    ...(f.team ? { team: f.team } : {}),
  };
}

export function slashCommandFields(f: {
  team: string;
  channel: string;
  user: string;
  text: string;
  responseUrl: string;
}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: f.team,
    team_domain: 'fake',
    channel_id: f.channel,
    channel_name: f.channel.startsWith('D') ? 'directmessage' : 'general',
    user_id: f.user,
    user_name: 'someone',
    command: '/calves',
    text: f.text,
    api_app_id: 'A0CALFBOT',
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: fresh('trig.'),
  };
}

type Block = Record<string, unknown> & {
  type: string;
  block_id?: string;
  elements?: Array<Record<string, unknown>>;
};

/** Every interactive element of a message, with the block it sits in. */
export function elementsOf(
  message: Pick<FakeSlackMessage, 'blocks'>,
): Array<{ block: Block; element: Record<string, unknown> }> {
  const out: Array<{ block: Block; element: Record<string, unknown> }> = [];
  for (const block of message.blocks as Block[]) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements ?? []) out.push({ block, element });
  }
  return out;
}

export function actionIdsOf(message: Pick<FakeSlackMessage, 'blocks'>): string[] {
  return elementsOf(message).map((e) => String(e.element.action_id));
}

export interface ClickOptions {
  team: string;
  user: string;
  /** Channel of the clicked message (needed for ephemeral messages, which have none in the fake). */
  channel?: string;
  /** Response URL the click carries. */
  responseUrl: string;
  /** Finding ids to tick in the message's checkboxes before clicking. */
  tick?: string[];
}

/** The `block_actions` payload Slack sends when `actionId` is clicked on `message`. */
export function blockActionsPayload(message: FakeSlackMessage, actionId: string, o: ClickOptions) {
  const found = elementsOf(message).find((e) => e.element.action_id === actionId);
  if (!found)
    throw new Error(
      `no element with action_id ${actionId} in the message (has: ${actionIdsOf(message).join(', ')})`,
    );
  const ephemeral = message.via !== 'chat.postMessage';
  const channel = ephemeral ? (o.channel ?? message.channel) : message.channel;
  const values: Record<string, Record<string, unknown>> = {};
  for (const { block, element } of elementsOf(message)) {
    if (element.type !== 'checkboxes') continue;
    const options = (element.options as Array<{ value: string }>) ?? [];
    values[String(block.block_id)] = {
      [String(element.action_id)]: {
        type: 'checkboxes',
        selected_options: options.filter((opt) => (o.tick ?? []).includes(opt.value)),
      },
    };
  }
  const actionTs = `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;
  return {
    type: 'block_actions',
    user: { id: o.user, username: 'someone', name: 'someone', team_id: o.team },
    api_app_id: 'A0CALFBOT',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: channel,
      is_ephemeral: ephemeral,
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    },
    trigger_id: fresh('trig.'),
    team: { id: o.team, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'general' },
    ...(ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            ts: message.ts,
            ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
            text: message.text,
            blocks: message.blocks,
            bot_id: 'B0CALFBOT',
          },
        }),
    state: { values },
    response_url: o.responseUrl,
    actions: [
      {
        type: found.element.type,
        action_id: actionId,
        block_id: found.block.block_id ?? 'b',
        ...(found.element.text ? { text: found.element.text } : {}),
        ...(typeof found.element.value === 'string' ? { value: found.element.value } : {}),
        action_ts: actionTs,
      },
    ],
  };
}
