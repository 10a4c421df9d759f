/**
 * Where a conversation's replies go: a DM or a channel thread (chat.postMessage), or the
 * ephemeral messages of a `/calves` conversation (its response_url). Posting stops at the first
 * failure, which is logged by code only; nothing here throws.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { describeError } from '../shared/errors.js';
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

export function channelOutbox(
  client: webApi.WebClient,
  logger: Logger,
  channel: string,
  threadTs?: string,
): Outbox {
  return {
    async post(messages) {
      const ts: Array<string | undefined> = [];
      for (const m of messages) {
        try {
          const res = await client.chat.postMessage({
            channel,
            ...(threadTs ? { thread_ts: threadTs } : {}),
            text: m.text,
            blocks: m.blocks,
            unfurl_links: false,
            unfurl_media: false,
          });
          ts.push(res.ts);
        } catch (error) {
          logger.error(
            { event: 'slack_api_failed', ...describeError(error), method: 'chat.postMessage' },
            'could not post a reply',
          );
          return { ok: false, ts };
        }
      }
      return { ok: true, ts };
    },
    async replace(ts, m) {
      try {
        await client.chat.update({ channel, ts, text: m.text, blocks: m.blocks });
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
    async post(messages) {
      const ts: Array<string | undefined> = [];
      for (const m of messages) {
        try {
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: m.text,
            blocks: m.blocks,
          });
          ts.push(undefined);
        } catch (error) {
          logger.error(
            { event: 'slack_api_failed', ...describeError(error), method: 'response_url' },
            'could not post a reply',
          );
          return { ok: false, ts };
        }
      }
      return { ok: true, ts };
    },
  };
}
