import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of a signed terminal request. */
export const SIGNATURE_HEADERS = {
  terminal: 'x-regi-terminal',
  timestamp: 'x-regi-timestamp',
  nonce: 'x-regi-nonce',
  signature: 'x-regi-signature',
} as const;

/** How far a request's timestamp may be from the gateway's clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function sha256Hex(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The signed text: method, path (with query), timestamp, nonce and the body's hash, one per line.
 * Binding the path and method stops a signed cancel from being replayed as a payment.
 */
export function canonicalRequest(method: string, path: string, timestamp: string, nonce: string, body: string | Uint8Array): string {
  return [method.toUpperCase(), path, timestamp, nonce, sha256Hex(body)].join('\n');
}

export function signRequest(key: string, method: string, path: string, timestamp: string, nonce: string, body: string | Uint8Array): string {
  return createHmac('sha256', key).update(canonicalRequest(method, path, timestamp, nonce, body)).digest('hex');
}

export function signatureMatches(expectedHex: string, givenHex: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(givenHex)) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'hex'), Buffer.from(givenHex, 'hex'));
}
