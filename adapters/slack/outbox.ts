/**
 * Where a conversation's replies go: a DM or a channel thread (chat.postMessage), or the
 * ephemeral messages of a `/calves` conversation (its response_url). Posting stops at the first
 * failure, which is logged by code only; nothing here throws.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { describeError } from '../shared/errors.js';
import { formJson } from './form-json.js';
import type { SlackMessage } from './render-blocks.js';

export interface PostResult {
  ok: boolean;
  /** The ts of each message posted, where Slack gives one (not for response_url messages). */
  ts: Array<string | undefined>;
}

export interface Outbox {
  /** Post messages in order; stops at the first failure. */
  post(messages: SlackMessage[]): Promise<PostResult>;
  /** Replace an earlier message of this conversation (only where messages have a ts). */
  replace?(ts: string, message: SlackMessage): Promise<void>;
}

/** Send messages one by one; stop at the first failure, which is logged by code only. */
async function postEach(
  messages: SlackMessage[],
  send: (m: SlackMessage) => Promise<string | undefined>,
  logger: Logger,
  method: string,
): Promise<PostResult> {
  const ts: Array<string | undefined> = [];
  for (const m of messages) {
    try {
      ts.push(await send(m));
    } catch (error) {
      logger.error({ event: 'slack_api_failed', ...describeError(error), method }, 'could not post a reply');
      return { ok: false, ts };
    }
  }
  return { ok: true, ts };
}

export function channelOutbox(
  client: webApi.WebClient,
  logger: Logger,
  channel: string,
  threadTs?: string,
): Outbox {
  return {
    post: (messages) =>
      postEach(
        messages,
        async (m) => {
          const res = await client.chat.postMessage({
            channel,
            ...(threadTs ? { thread_ts: threadTs } : {}),
            text: m.text,
            blocks: formJson(m.blocks),
            unfurl_links: false,
            unfurl_media: false,
          });
          return res.ts;
        },
        logger,
        'chat.postMessage',
      ),
    async replace(ts, m) {
      try {
        await client.chat.update({ channel, ts, text: m.text, blocks: formJson(m.blocks) });
      } catch (error) {
        logger.warn(
          { event: 'slack_api_failed', ...describeError(error), method: 'chat.update' },
          'could not update a message',
        );
      }
    },
  };
}

export function responseUrlOutbox(respond: RespondFn, logger: Logger): Outbox {
  return {
    post: (messages) =>
      postEach(
        messages,
        async (m) => {
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: m.text,
            blocks: m.blocks,
          });
          return undefined;
        },
        logger,
        'response_url',
      ),
  };
}
