/** Wires configuration, knowledge and the store into a Bot. */
import { Bot } from '../bot.js';
import type { Config } from '../config.js';
import { loadKnowledge } from '../knowledge/load.js';
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
  if (!knowledge.care.regions[config.EMERGENCY_REGION]) {
    logger.warn(
      { event: 'config', region: config.EMERGENCY_REGION },
      `EMERGENCY_REGION has no entry in knowledge/care.yaml; using ${knowledge.care.default_region}`,
    );
  }
  const store = await createStore(config.STORE_URL, { logger, keyPrefix: config.STORE_KEY_PREFIX });
  return new Bot({
    knowledge,
    store,
    region: config.EMERGENCY_REGION,
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
