import { createHmac } from 'node:crypto';
import { linkKeyId, macKey, sameMac, splitToken } from './link-token.ts';
import { SUBSCRIBER_ID } from './subscriber.ts';

/** A paper id as it may appear in a feedback token (arXiv ids and the like). */
export const FEEDBACK_PAPER_ID = /^[A-Za-z0-9._-]{1,64}$/;
// An edition id: a day's YYYY-MM-DD, or a weekly round-up's YYYY-MM-DD-weekly.
const DATE = /^\d{4}-\d{2}-\d{2}(?:-weekly)?$/;
const SECONDS = /^(0|[1-9][0-9]{0,11})$/;
const KEY_ID = /^[0-9a-f]{8}$/;
const VERSION = 'f1';
const VOTE_CODE = { more: 'm', less: 'l' } as const;
const CODE_VOTE: Record<string, 'more' | 'less'> = { m: 'more', l: 'less' };

/** What a "More like this" / "Less like this" link says: who, which paper of which edition, which way. */
export interface FeedbackClaims {
  subscriberId: string;
  paperId: string;
  /** The edition the link was sent in. */
  date: string;
  vote: 'more' | 'less';
  issuedAt: Date;
  expiresAt: Date;
  keyId: string;
}

export type FeedbackTokenResult =
  | { ok: true; claims: FeedbackClaims }
  | { ok: false; reason: 'malformed' | 'unknown-key' | 'bad-signature' }
  | { ok: false; reason: 'expired'; claims: FeedbackClaims };

// Domain-separated from the other link tokens: a feedback MAC can never verify as a manage link, nor the reverse.
function mac(secret: string, payload: string): string {
  return createHmac('sha256', macKey(secret)).update(`feedback:${payload}`).digest('base64url');
}

/**
 * Signs a feedback token with the FIRST secret: `base64url(payload).base64url(HMAC)`, the payload being
 * `f1 <subscriber id> <paper id> <date> <m|l> <issued s> <expires s> <key id>`. Opaque ids only, nothing personal.
 */
export function signFeedbackToken(
  claims: Omit<FeedbackClaims, 'keyId' | 'issuedAt'> & { issuedAt?: Date },
  secrets: readonly string[],
): string {
  return feedbackSigner(claims, secrets)(claims.paperId, claims.vote);
}

/**
 * `signFeedbackToken` for one reader's links to many papers of one edition: the reader's fields are checked and
 * written once, so each further link costs its paper id and its MAC (a digest carries dozens).
 */
export function feedbackSigner(
  claims: Pick<FeedbackClaims, 'subscriberId' | 'date' | 'expiresAt'> & { issuedAt?: Date },
  secrets: readonly string[],
): (paperId: string, vote: 'more' | 'less') => string {
  const secret = secrets[0];
  if (!secret) throw new Error('signFeedbackToken needs at least one secret');
  if (!SUBSCRIBER_ID.test(claims.subscriberId)) throw new Error('signFeedbackToken: not a subscriber id');
  if (!DATE.test(claims.date)) throw new Error('signFeedbackToken: not an edition id');
  const iat = Math.floor((claims.issuedAt ?? new Date()).getTime() / 1000);
  const exp = Math.floor(claims.expiresAt.getTime() / 1000);
  const head = `${VERSION} ${claims.subscriberId} `;
  const tail = (vote: 'more' | 'less') => ` ${claims.date} ${VOTE_CODE[vote]} ${iat} ${exp} ${linkKeyId(secret)}`;
  const tails = { more: tail('more'), less: tail('less') };
  return (paperId, vote) => {
    if (!FEEDBACK_PAPER_ID.test(paperId)) throw new Error('signFeedbackToken: not a paper id');
    const payload = Buffer.from(`${head}${paperId}${tails[vote]}`, 'utf8').toString('base64url');
    return `${payload}.${mac(secret, payload)}`;
  };
}

function parse(encoded: string): FeedbackClaims | undefined {
  const decoded = Buffer.from(encoded, 'base64url');
  if (decoded.toString('base64url') !== encoded) return undefined;
  const parts = decoded.toString('utf8').split(' ');
  if (parts.length !== 8) return undefined;
  const [version, subscriberId, paperId, date, code, iat, exp, keyId] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const vote = CODE_VOTE[code];
  if (version !== VERSION || !vote || !SUBSCRIBER_ID.test(subscriberId) || !FEEDBACK_PAPER_ID.test(paperId)) {
    return undefined;
  }
  if (!DATE.test(date) || !SECONDS.test(iat) || !SECONDS.test(exp) || !KEY_ID.test(keyId)) return undefined;
  return {
    subscriberId,
    paperId,
    date,
    vote,
    issuedAt: new Date(Number(iat) * 1000),
    expiresAt: new Date(Number(exp) * 1000),
    keyId,
  };
}

/** Verifies a feedback token against every configured secret; the MAC is compared in constant time. */
export function verifyFeedbackToken(token: string, secrets: readonly string[], now = new Date()): FeedbackTokenResult {
  const parts = splitToken(token);
  if (!parts) return { ok: false, reason: 'malformed' };
  const { payload, signature } = parts;
  const claims = parse(payload);
  if (!claims) return { ok: false, reason: 'malformed' };
  const secret = secrets.find((s) => linkKeyId(s) === claims.keyId);
  if (secret === undefined) return { ok: false, reason: 'unknown-key' };
  if (!sameMac(signature, mac(secret, payload))) return { ok: false, reason: 'bad-signature' };
  if (now.getTime() >= claims.expiresAt.getTime()) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}
