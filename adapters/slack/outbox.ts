/**
 * Where a conversation's replies go: a DM or a channel thread (chat.postMessage), or the
 * ephemeral messages of a `/calves` conversation (its response_url). Posting stops at the first
 * failure, which is logged by code only; nothing here throws.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import type { SlackMessage } from './render-blocks.js';
import { describeSlackError } from './slack-errors.js';

export interface Outbox {
  /** Post messages in order; false when one failed (the rest are not posted). */
  post(messages: SlackMessage[]): Promise<boolean>;
}

export function channelOutbox(
  client: webApi.WebClient,
  logger: Logger,
  channel: string,
  threadTs?: string,
): Outbox {
  return {
    async post(messages) {
      for (const m of messages) {
        try {
          await client.chat.postMessage({
            channel,
            ...(threadTs ? { thread_ts: threadTs } : {}),
            text: m.text,
            blocks: m.blocks,
            unfurl_links: false,
            unfurl_media: false,
          });
        } catch (error) {
          logger.error(
            { event: 'slack_api_failed', method: 'chat.postMessage', ...describeSlackError(error) },
            'could not post a reply',
          );
          return false;
        }
      }
      return true;
    },
  };
}

export function responseUrlOutbox(respond: RespondFn, logger: Logger): Outbox {
  return {
    async post(messages) {
      for (const m of messages) {
        try {
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: m.text,
            blocks: m.blocks,
          });
        } catch (error) {
          logger.error(
            { event: 'slack_api_failed', method: 'response_url', ...describeSlackError(error) },
            'could not post a reply',
          );
          return false;
        }
      }
      return true;
    },
  };
}
