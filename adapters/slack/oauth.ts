/**
 * OAuth install mode (any workspace): @slack/oauth's InstallProvider on calfbot's own HTTP
 * receiver. GET /slack/install sends the admin to Slack's consent page (with a signed state
 * cookie); GET /slack/oauth_redirect exchanges the code (oauth.v2.access) and keeps the
 * installation in the sealed records the core gives (the configured store, AES-256-GCM), one per
 * workspace (or org). Bolt then asks `authorize` for each event's workspace token.
 */
import type http from 'node:http';
import {
  type Installation,
  type InstallationQuery,
  type InstallationStore,
  InstallProvider,
} from '@slack/oauth';
import type { Config } from '../../src/config.js';
import { CalfbotError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { describeError } from '../shared/errors.js';
import { boltLogger } from './bolt-logger.js';
import type { ExtraRoute } from './http-receiver.js';

/** Sealed secret records by id (the core's SecretRecords; no store import here). */
export interface SecretRecordsLike {
  get(id: string): Promise<string | null>;
  put(id: string, value: string): Promise<void>;
  delete(id: string): Promise<void>;
}

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';
/** The bot scopes an install asks for (the manifests list the same). */
export const BOT_SCOPES = [
  'app_mentions:read',
  'assistant:write',
  'chat:write',
  'commands',
  'im:history',
  'im:write',
  'users:read',
];
/** A GET to these pages carries no body and a short URL (Slack's code and state). */
const MAX_URL_CHARS = 4096;

const idOf = (q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }) =>
  q.isEnterpriseInstall && q.enterpriseId ? `org:${q.enterpriseId}` : `team:${q.teamId ?? ''}`;

/** @slack/oauth's InstallationStore on sealed records. */
export function sealedInstallationStore(records: SecretRecordsLike): InstallationStore {
  return {
    async storeInstallation(installation) {
      const id = idOf({
        isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
        ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
        ...(installation.team?.id ? { teamId: installation.team.id } : {}),
      });
      await records.put(id, JSON.stringify(installation));
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const raw = await records.get(idOf(query));
      if (!raw) throw new CalfbotError('PLATFORM_ERROR', 'calfbot is not installed in this workspace.');
      return JSON.parse(raw) as Installation<'v2', boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await records.delete(idOf(query));
    },
  };
}

export function installProvider(config: Config, store: InstallationStore, logger: Logger): InstallProvider {
  const slackApiUrl = config.SLACK_API_URL
    ? config.SLACK_API_URL.endsWith('/')
      ? config.SLACK_API_URL
      : `${config.SLACK_API_URL}/`
    : undefined;
  return new InstallProvider({
    clientId: config.SLACK_CLIENT_ID!,
    clientSecret: config.SLACK_CLIENT_SECRET!,
    stateSecret: config.SLACK_STATE_SECRET!,
    installationStore: store,
    directInstall: true,
    logger: boltLogger(logger),
    ...(slackApiUrl ? { clientOptions: { slackApiUrl } } : {}),
  });
}

/** The install and redirect pages, behind the same kind of guards as /slack/events. */
export function oauthRoutes(installer: InstallProvider, logger: Logger): ExtraRoute[] {
  const guarded =
    (page: string, run: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) =>
    (req: http.IncomingMessage, res: http.ServerResponse) => {
      const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'];
      const refused = hasBody ? 413 : (req.url ?? '').length > MAX_URL_CHARS ? 414 : 0;
      if (refused) {
        res.writeHead(refused, { connection: 'close' }).end();
        // A body still coming is dropped with the socket, unread (as /slack/events does).
        res.once('finish', () => req.socket.destroy());
        return;
      }
      run(req, res).catch((error: unknown) => {
        logger.warn({ event: 'slack_oauth_failed', page, ...describeError(error) }, 'OAuth page failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    };
  return [
    {
      path: INSTALL_PATH,
      method: ['GET'],
      handler: guarded('install', (req, res) =>
        installer.handleInstallPath(req, res, {}, { scopes: BOT_SCOPES }),
      ),
    },
    {
      path: REDIRECT_PATH,
      method: ['GET'],
      handler: guarded('redirect', (req, res) =>
        installer.handleCallback(req, res, {
          success: (installation, _o, _req, r) => {
            logger.info({ event: 'slack_installed', team: installation.team?.id }, 'calfbot installed');
            r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            r.end('<p>calfbot is installed. Open Slack and find calfbot under Apps.</p>');
          },
          failure: (error, _o, _req, r) => {
            logger.warn({ event: 'slack_install_failed', code: error.code }, 'install failed');
            r.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
            r.end('<p>calfbot could not be installed. Please try again from the install page.</p>');
          },
        }),
      ),
    },
  ];
}
