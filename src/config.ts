/**
 * Configuration from the environment (and `.env` via dotenv), validated once at start-up.
 * A bad value stops start-up with one line naming the variable and how to fix it.
 */
import path from 'node:path';
import { z } from 'zod';
import { CalfbotError } from './errors.js';
import { CONVERSATION_TTL_HOURS_DEFAULT } from './store/types.js';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));
const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.url({ protocol: /^https?$/ }).optional());

const fields = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.pipe(
    z
      .string()
      .regex(/^\d{5,25}$/, 'must be a numeric id')
      .optional(),
  ),
  DISCORD_GUILD_ID: optionalString.pipe(
    z
      .string()
      .regex(/^\d{5,25}$/, 'must be a numeric id')
      .optional(),
  ),
  DISCORD_API_URL: optionalUrl,
  /** HTTP interactions mode (no gateway): General Information → Public Key. */
  DISCORD_PUBLIC_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex digits of the Public Key')
      .optional(),
  ),
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_API_URL: optionalUrl,
  /** OAuth install mode (any workspace): set these four instead of SLACK_BOT_TOKEN. */
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /** 32 random bytes (64 hex digits or base64) that seal installation tokens at rest. */
  SLACK_INSTALLATION_KEY: optionalString.pipe(
    z
      .string()
      .refine(
        (v) =>
          /^[0-9a-fA-F]{64}$/.test(v) ||
          (/^[A-Za-z0-9+/]{43}=?$/.test(v) && Buffer.from(v, 'base64').length === 32),
        { message: 'must be 32 random bytes as 64 hex digits or base64' },
      )
      .optional(),
  ),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** /healthz, /readyz and /metrics on their own port (Socket Mode, Discord, converse). */
  HEALTH_PORT: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int().min(0).max(65535).optional(),
  ),
  /** Where the default SQLite file lives (relative to the working directory). */
  CALFBOT_DATA_DIR: z.string().trim().min(1).default('./data'),
  STORE_URL: optionalString.pipe(
    z
      .string()
      .refine((v) => /^(memory:|sqlite:.+|rediss?(\+sentinel|\+cluster)?:\/\/.+)$/.test(v), {
        message:
          'must be memory:, sqlite:PATH, redis://HOST:PORT, redis+sentinel://... or redis+cluster://...',
      })
      .optional(),
  ),
  STORE_KEY_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1-64 letters, digits, :, _ or -')
    .default('calfbot:'),
  CONVERSATION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(CONVERSATION_TTL_HOURS_DEFAULT),
  EMERGENCY_REGION: z
    .string()
    .trim()
    .toUpperCase()
    .default('US')
    .refine((v) => /^[A-Z]{2}$/.test(v), {
      message: 'must be a two-letter region such as US, UK, EU, AU, NZ, CA or IN',
    }),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** STORE_URL defaults to the SQLite file calfbot.db in CALFBOT_DATA_DIR. */
export const configSchema = fields.transform((c) => ({
  ...c,
  STORE_URL: c.STORE_URL ?? `sqlite:${path.join(c.CALFBOT_DATA_DIR, 'calfbot.db')}`,
}));

export type Config = z.infer<typeof configSchema>;

const HOW_TO_FIX: Partial<Record<string, string>> = {
  SLACK_BOT_TOKEN: 'copy the Bot User OAuth Token from your Slack app (OAuth & Permissions)',
  SLACK_APP_TOKEN: 'create an app-level token with connections:write (Basic Information)',
  STORE_URL: 'for example sqlite:./data/calfbot.db',
  EMERGENCY_REGION: 'for example US, UK, EU, AU, NZ, CA or IN',
  HEALTH_PORT: 'a port number such as 9090, or leave it unset',
  DISCORD_PUBLIC_KEY: 'copy it from the Discord Developer Portal, General Information → Public Key',
  SLACK_INSTALLATION_KEY: 'generate one with `openssl rand -base64 32` and keep it secret',
  SLACK_STATE_SECRET: 'any long random string, e.g. `openssl rand -hex 24`',
};

/** Slack runs in OAuth install mode (any workspace) when a client id is set. */
export const slackOAuth = (c: Config): boolean => Boolean(c.SLACK_CLIENT_ID);
/** Slack is configured at all: one bot token, or OAuth install mode. */
export const slackEnabled = (c: Config): boolean => Boolean(c.SLACK_BOT_TOKEN || c.SLACK_CLIENT_ID);

/** Parse the environment; throws CONFIG_INVALID naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'configuration');
    const fix = HOW_TO_FIX[name];
    throw new CalfbotError(
      'CONFIG_INVALID',
      `${name} ${issue.message.replace(/^Invalid input: /, '')}${fix ? ` (${fix})` : ''}. Set it in .env or the environment; see .env.example.`,
    );
  }
  const config = result.data;
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw new CalfbotError(
      'CONFIG_INVALID',
      'SLACK_SIGNING_SECRET is missing: HTTP mode needs it (Basic Information → Signing Secret), or set SLACK_APP_TOKEN for Socket Mode. See .env.example.',
    );
  }
  if (config.SLACK_CLIENT_ID) {
    const missing = (
      ['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_INSTALLATION_KEY', 'SLACK_SIGNING_SECRET'] as const
    ).filter((k) => !config[k]);
    if (missing.length > 0)
      throw new CalfbotError(
        'CONFIG_INVALID',
        `OAuth install mode (SLACK_CLIENT_ID is set) also needs ${missing.join(', ')}. See docs/slack.md, "Any workspace".`,
      );
    if (config.SLACK_APP_TOKEN)
      throw new CalfbotError(
        'CONFIG_INVALID',
        'OAuth install mode runs in HTTP mode (Slack redirects to /slack/oauth_redirect): unset SLACK_APP_TOKEN.',
      );
  }
  if (config.DISCORD_TOKEN && !config.DISCORD_APPLICATION_ID) {
    throw new CalfbotError(
      'CONFIG_INVALID',
      'DISCORD_APPLICATION_ID is missing: copy the Application ID from the Discord Developer Portal (General Information). See .env.example.',
    );
  }
  return config;
}
