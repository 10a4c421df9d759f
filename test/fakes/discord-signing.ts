/**
 * Discord's side of HTTP interactions signing, for tests and the bench (no vitest here): an
 * Ed25519 key pair made on the spot, and a POST signed as Discord signs it.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { InteractionsTransport } from './fake-discord.js';

type Json = any;

export interface SigningKeys {
  privateKey: KeyObject;
  /** The 64 hex digits DISCORD_PUBLIC_KEY takes. */
  publicKeyHex: string;
}

export function makeKeys(): SigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { privateKey, publicKeyHex: Buffer.from(jwk.x!, 'base64url').toString('hex') };
}

export interface SignedRequest {
  body: string;
  /** Unix seconds (default now). */
  timestamp?: number;
  /** Sign with this key instead (a forger's). */
  signWith?: KeyObject;
  /** Send this signature header as it is. */
  signature?: string;
}

/** POST a body to the endpoint as Discord would: X-Signature-Ed25519 over timestamp + body. */
export async function postSigned(
  url: string,
  keys: SigningKeys,
  req: SignedRequest,
): Promise<{ status: number; body: Json }> {
  const timestamp = String(req.timestamp ?? Math.floor(Date.now() / 1000));
  const signature =
    req.signature ??
    sign(
      null,
      Buffer.concat([Buffer.from(timestamp), Buffer.from(req.body)]),
      req.signWith ?? keys.privateKey,
    ).toString('hex');
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
    body: req.body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export function signedTransport(url: string, keys: SigningKeys): InteractionsTransport {
  return { post: (payload) => postSigned(url, keys, { body: JSON.stringify(payload) }) };
}
