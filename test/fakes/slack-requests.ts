/**
 * Requests to a Slack app in HTTP mode, signed the way Slack signs them:
 * `x-slack-signature: v0=HMAC-SHA256(secret, "v0:<timestamp>:<raw body>")` and
 * `x-slack-request-timestamp`. No vitest imports, so the bench can use it too.
 */
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SignOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Override the signature (e.g. a wrong one). */
  signature?: string;
  /** Adds X-Slack-Retry-Num / X-Slack-Retry-Reason like Slack's redeliveries. */
  retryNum?: number;
  retryReason?: string;
}

export function signedHeaders(
  secret: string,
  rawBody: string,
  contentType: string,
  options: SignOptions = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(secret, timestamp, rawBody),
    ...(options.retryNum !== undefined
      ? {
          'x-slack-retry-num': String(options.retryNum),
          'x-slack-retry-reason': options.retryReason ?? 'http_timeout',
        }
      : {}),
  };
}

export interface SlackAppResponse {
  status: number;
  body: string;
}

async function post(
  url: string,
  rawBody: string,
  headers: Record<string, string>,
): Promise<SlackAppResponse> {
  const res = await fetch(url, { method: 'POST', headers, body: rawBody });
  return { status: res.status, body: await res.text() };
}

/** POST an Events API callback (JSON). */
export function postEvent(
  url: string,
  secret: string,
  envelope: unknown,
  options?: SignOptions,
): Promise<SlackAppResponse> {
  const raw = JSON.stringify(envelope);
  return post(url, raw, signedHeaders(secret, raw, 'application/json', options));
}

/** POST a slash command (form fields). */
export function postSlashCommand(
  url: string,
  secret: string,
  fields: Record<string, string>,
  options?: SignOptions,
): Promise<SlackAppResponse> {
  const raw = new URLSearchParams(fields).toString();
  return post(url, raw, signedHeaders(secret, raw, 'application/x-www-form-urlencoded', options));
}

/** POST an interactivity payload (`payload=<json>` form). */
export function postInteraction(
  url: string,
  secret: string,
  payload: unknown,
  options?: SignOptions,
): Promise<SlackAppResponse> {
  const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return post(url, raw, signedHeaders(secret, raw, 'application/x-www-form-urlencoded', options));
}
