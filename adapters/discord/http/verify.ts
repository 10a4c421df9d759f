/**
 * Discord signs every HTTP interaction with the application's Ed25519 key: `X-Signature-Ed25519`
 * is the hex signature of `X-Signature-Timestamp` followed by the raw body. node:crypto verifies
 * it; the public key (General Information → Public Key, 64 hex digits) is wrapped as DER SPKI.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** The DER SubjectPublicKeyInfo header of a raw 32-byte Ed25519 public key (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const PUBLIC_KEY_PATTERN = /^[0-9a-fA-F]{64}$/;
const SIGNATURE_PATTERN = /^[0-9a-fA-F]{128}$/;

export function publicKeyFromHex(hex: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** True when `signature` (hex) signs timestamp + body under `key`. Never throws. */
export function signatureValid(key: KeyObject, timestamp: string, body: Buffer, signature: string): boolean {
  if (!SIGNATURE_PATTERN.test(signature)) return false;
  try {
    return verify(
      null,
      Buffer.concat([Buffer.from(timestamp, 'utf8'), body]),
      key,
      Buffer.from(signature, 'hex'),
    );
  } catch {
    return false;
  }
}
