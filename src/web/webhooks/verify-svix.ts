import { createHmac, timingSafeEqual } from 'node:crypto';

/** Svix (Resend) rejects timestamps further than this from now, either way, to stop replays. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export interface SvixHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type SvixVerification = { ok: true } | { ok: false; reason: string };

/** The HMAC key of a `whsec_<base64>` secret (the prefix is optional). */
function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/**
 * Verifies a Svix-signed webhook on its RAW body: base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` with the
 * decoded secret, compared in constant time with each space-separated `v1,<signature>` entry, and a timestamp
 * within five minutes. (The same check as `resend.webhooks.verify`, which needs an API key to construct.)
 */
export function verifySvixSignature(
  body: string,
  headers: SvixHeaders,
  secret: string,
  now: Date = new Date(),
): SvixVerification {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing signature headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad timestamp' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'timestamp outside the tolerance' };
  }
  const expected = Buffer.from(
    createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64'),
  );
  for (const entry of signature.split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: 'no matching signature' };
}
