import { describe, expect, it } from 'vitest';
import { feedbackSigner } from '../../../src/subscribers/feedback-token.ts';
import {
  createLinkBuilder,
  linkKeyId,
  newSubscriberId,
  signFeedbackToken,
  signLinkToken,
  verifyFeedbackToken,
  verifyLinkToken,
} from '../../../src/subscribers/index.ts';

const OLD = 'old-secret-0123456789abcdef';
const NEW = 'new-secret-fedcba9876543210';
const DAY = 86_400_000;
const t0 = new Date('2026-03-01T12:00:00Z');

function sign(vote: 'more' | 'less' = 'more', secrets = [OLD], id = newSubscriberId(), paperId = '2510.11696') {
  const claims = { subscriberId: id, paperId, date: '2026-02-28', vote, issuedAt: t0, expiresAt: new Date(+t0 + DAY) };
  return { id, claims, token: signFeedbackToken(claims, secrets) };
}

describe('feedback tokens', () => {
  it('are the same bytes as ever: a retried batch must carry the links its first attempt did', () => {
    // Signed by the token code as it was before links were signed once per reader (2026-12-01).
    const known = {
      more: 'ZjEgYWJjZGVmZ2hpamtsbW5vcHFyc3R1diAyNTExLjEyMzQ1IDIwMjUtMTEtMjEgbSAxNzYzNzA0ODAwIDE3NzE2NTM2MDAgNTgxNjUzZjg.nO2cIsRnDwjC_ekf1HfX1bMbwjCRMCRUq5NzYkS77ZU',
      less: 'ZjEgYWJjZGVmZ2hpamtsbW5vcHFyc3R1diAyNTExLjEyMzQ1IDIwMjUtMTEtMjEgbCAxNzYzNzA0ODAwIDE3NzE2NTM2MDAgNTgxNjUzZjg.IZ0hVnzsAsKpxMFPmhwxdN_GPi7q2dtjnnmWSBbfy7c',
    };
    const secrets = ['secret-one-0123456789abcdef', 'old'];
    const issuedAt = new Date('2025-11-21T06:00:00Z');
    const expiresAt = new Date('2026-02-21T06:00:00Z');
    const reader = { subscriberId: 'abcdefghijklmnopqrstuv', date: '2025-11-21', issuedAt, expiresAt };
    const perReader = feedbackSigner(reader, secrets);
    for (const vote of ['more', 'less'] as const) {
      expect(signFeedbackToken({ ...reader, paperId: '2511.12345', vote }, secrets)).toBe(known[vote]);
      expect(perReader('2511.12345', vote)).toBe(known[vote]);
    }
  });

  it('round-trips subscriber, paper (with its dot), edition and vote', () => {
    for (const vote of ['more', 'less'] as const) {
      const { claims, token } = sign(vote);
      expect(verifyFeedbackToken(token, [OLD], t0)).toEqual({ ok: true, claims: { ...claims, keyId: linkKeyId(OLD) } });
    }
  });

  it('carries no personal data and no secret, and fits in a URL unescaped', () => {
    const { token } = sign();
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain(OLD);
    expect(Buffer.from(token.split('.')[0]!, 'base64url').toString()).not.toMatch(/@/);
  });

  it('refuses a token whose vote, paper or subscriber was changed', () => {
    const { token } = sign('less');
    const [payload, mac] = token.split('.') as [string, string];
    const text = Buffer.from(payload, 'base64url').toString();
    for (const forged of [text.replace(' l ', ' m '), text.replace('2510.11696', '2510.11697')]) {
      const tampered = `${Buffer.from(forged).toString('base64url')}.${mac}`;
      expect(verifyFeedbackToken(tampered, [OLD], t0)).toEqual({ ok: false, reason: 'bad-signature' });
    }
    expect(verifyFeedbackToken(`${payload}.${mac.slice(0, -2)}AA`, [OLD], t0)).toMatchObject({ ok: false });
  });

  it('is not interchangeable with a manage link, in either direction', () => {
    const id = newSubscriberId();
    const manage = signLinkToken(
      { subscriberId: id, purpose: 'manage', issuedAt: t0, expiresAt: new Date(+t0 + DAY) },
      [OLD],
    );
    expect(verifyFeedbackToken(manage, [OLD], t0).ok).toBe(false);
    const { token } = sign('more', [OLD], id);
    expect(verifyLinkToken(token, [OLD], { purpose: 'manage', now: t0 }).ok).toBe(false);
  });

  it('expires, keeps working across a secret rotation, and stops with its secret', () => {
    const { token } = sign('more', [OLD]);
    expect(verifyFeedbackToken(token, [NEW, OLD], new Date(+t0 + DAY - 1000)).ok).toBe(true);
    expect(verifyFeedbackToken(token, [OLD], new Date(+t0 + DAY))).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifyFeedbackToken(token, [NEW], t0)).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('rejects malformed tokens and refuses to sign bad claims', () => {
    for (const bad of ['', 'abc', 'a.b.c', '!!.??', 'x'.repeat(600)]) {
      expect(verifyFeedbackToken(bad, [OLD], t0)).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(() => sign('more', [OLD], 'not-an-id')).toThrow(/subscriber id/);
    expect(() => sign('more', [OLD], newSubscriberId(), 'has space')).toThrow(/paper id/);
  });

  it('builds /feedback links that the same builder verifies', () => {
    const links = createLinkBuilder(
      {
        web: { publicBaseUrl: 'https://papers.example.org' },
        links: { secrets: [OLD], confirmTtlDays: 7, manageTtlDays: 90, unsubscribeTtlDays: 400 },
      },
      { now: () => t0 },
    );
    const id = newSubscriberId();
    const url = new URL(links.feedbackUrl(id, { paperId: '2510.11696', date: '2026-02-28' }, 'less'));
    expect(url.origin + url.pathname).toBe('https://papers.example.org/feedback');
    expect([...url.searchParams.keys()]).toEqual(['token']);
    const result = links.verifyFeedback(url.searchParams.get('token')!);
    expect(result).toMatchObject({ ok: true, claims: { subscriberId: id, paperId: '2510.11696', vote: 'less' } });
    if (result.ok) expect(result.claims.expiresAt.getTime() - t0.getTime()).toBe(90 * DAY);
  });
});
