/** Wires configuration, knowledge and the store into a Bot. */
import { Bot } from '../bot.js';
import type { Config } from '../config.js';
import { loadKnowledge } from '../knowledge/load.js';
import { resolveRegion } from '../knowledge/region.js';
import type { Logger } from '../log.js';
import { createRateLimiter } from '../store/create-rate-limiter.js';
import { createStore } from '../store/create-store.js';

/** `rateLimited`: per-user flood protection for the platforms (not for the local JSON-lines door). */
export async function createBot(
  config: Config,
  logger: Logger,
  opts: { rateLimited?: boolean } = {},
): Promise<Bot> {
  const knowledge = loadKnowledge();
  const region = resolveRegion(knowledge.care, config.EMERGENCY_REGION);
  const store = await createStore(config.STORE_URL, { logger, keyPrefix: config.STORE_KEY_PREFIX });
  return new Bot({
    knowledge,
    store,
    region,
    conversationTtlHours: config.CONVERSATION_TTL_HOURS,
    logger,
    ...(opts.rateLimited
      ? {
          rateLimit: {
            limiter: await createRateLimiter(config.STORE_URL, {
              logger,
              keyPrefix: config.STORE_KEY_PREFIX,
            }),
            perMinute: config.RATE_LIMIT_PER_MINUTE,
          },
        }
      : {}),
  });
}
