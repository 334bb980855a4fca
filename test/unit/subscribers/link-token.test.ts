import { describe, expect, it } from 'vitest';
import {
  createLinkBuilder,
  linkKeyId,
  newSubscriberId,
  signLinkToken,
  verifyLinkToken,
  type LinkPurpose,
} from '../../../src/subscribers/index.ts';

const OLD = 'old-secret-0123456789abcdef';
const NEW = 'new-secret-fedcba9876543210';
const DAY = 86_400_000;
const t0 = new Date('2026-03-01T12:00:00Z');

function sign(purpose: LinkPurpose = 'manage', secrets = [OLD], id = newSubscriberId()) {
  return {
    id,
    token: signLinkToken({ subscriberId: id, purpose, issuedAt: t0, expiresAt: new Date(+t0 + DAY) }, secrets),
  };
}

describe('link tokens', () => {
  it('round-trips the claims', () => {
    const { id, token } = sign('manage');
    const result = verifyLinkToken(token, [OLD], { purpose: 'manage', now: t0 });
    expect(result).toEqual({
      ok: true,
      claims: {
        subscriberId: id,
        purpose: 'manage',
        issuedAt: t0,
        expiresAt: new Date(+t0 + DAY),
        keyId: linkKeyId(OLD),
      },
    });
  });

  it('carries no personal data and no secret', () => {
    const { id, token } = sign();
    const decoded = Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8');
    expect(decoded).toBe(`1.${id}.m.${+t0 / 1000}.${(+t0 + DAY) / 1000}.${linkKeyId(OLD)}`);
    expect(token).not.toContain(OLD);
    expect(linkKeyId(OLD)).toMatch(/^[0-9a-f]{8}$/);
  });

  it('rejects every single-byte change of a token', () => {
    const { token } = sign('unsubscribe');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/% \u00e9';
    let tried = 0;
    for (let i = 0; i < token.length; i += 1) {
      for (const c of alphabet) {
        if (c === token[i]) continue;
        const tampered = token.slice(0, i) + c + token.slice(i + 1);
        const result = verifyLinkToken(tampered, [OLD], { purpose: 'unsubscribe', now: t0 });
        expect(result.ok, `position ${i} -> ${c}`).toBe(false);
        tried += 1;
      }
      // Deleting or duplicating the byte is rejected too.
      expect(
        verifyLinkToken(token.slice(0, i) + token.slice(i + 1), [OLD], { purpose: 'unsubscribe', now: t0 }).ok,
      ).toBe(false);
      expect(
        verifyLinkToken(token.slice(0, i + 1) + token.slice(i), [OLD], { purpose: 'unsubscribe', now: t0 }).ok,
      ).toBe(false);
    }
    expect(tried).toBeGreaterThan(token.length * 60);
  });

  it('distinguishes malformed, unknown key and bad signature', () => {
    const { token } = sign();
    expect(verifyLinkToken('', [OLD], { purpose: 'manage' })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyLinkToken('abc', [OLD], { purpose: 'manage' })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyLinkToken(token.slice(0, 20), [OLD], { purpose: 'manage' })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyLinkToken('x'.repeat(5000), [OLD], { purpose: 'manage' })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyLinkToken(token, [NEW], { purpose: 'manage', now: t0 })).toEqual({ ok: false, reason: 'unknown-key' });
    const [payload, mac] = token.split('.') as [string, string];
    const flipped = `${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    expect(verifyLinkToken(flipped, [OLD], { purpose: 'manage', now: t0 })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('is bound to its purpose', () => {
    const { token } = sign('unsubscribe');
    const result = verifyLinkToken(token, [OLD], { purpose: 'manage', now: t0 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe('wrong-purpose');
    expect(verifyLinkToken(token, [OLD], { purpose: 'confirm', now: t0 }).ok).toBe(false);
  });

  it('expires, and an expired authentic token still names its subscriber', () => {
    const { id, token } = sign('manage');
    expect(verifyLinkToken(token, [OLD], { purpose: 'manage', now: new Date(+t0 + DAY - 1000) }).ok).toBe(true);
    const result = verifyLinkToken(token, [OLD], { purpose: 'manage', now: new Date(+t0 + DAY) });
    expect(result).toMatchObject({ ok: false, reason: 'expired', claims: { subscriberId: id } });
  });

  it('rotates: old secret still verifies, a removed secret does not', () => {
    const { token } = sign('manage', [OLD]);
    expect(verifyLinkToken(token, [NEW, OLD], { purpose: 'manage', now: t0 }).ok).toBe(true);
    const fresh = sign('manage', [NEW, OLD]).token;
    expect(verifyLinkToken(fresh, [NEW, OLD], { purpose: 'manage', now: t0 }).ok).toBe(true);
    expect(verifyLinkToken(fresh, [OLD], { purpose: 'manage', now: t0 })).toEqual({ ok: false, reason: 'unknown-key' });
    expect(verifyLinkToken(token, [NEW], { purpose: 'manage', now: t0 })).toEqual({ ok: false, reason: 'unknown-key' });
  });
});

describe('link builder', () => {
  const config = {
    web: { publicBaseUrl: 'https://paperboy.example', port: 3000, host: '127.0.0.1', previewPort: 3001 },
    links: { secrets: [NEW, OLD], manageTtlDays: 90, unsubscribeTtlDays: 400, confirmTtlDays: 7 },
  };

  it('builds URLs whose tokens verify for their purpose with the configured lifetimes', () => {
    const links = createLinkBuilder(config, { now: () => t0 });
    const id = newSubscriberId();
    const cases: [string, LinkPurpose, string, number][] = [
      [links.manageUrl(id), 'manage', '/preferences', 90],
      [links.unsubscribeUrl(id), 'unsubscribe', '/unsubscribe', 400],
      [links.confirmUrl(id), 'confirm', '/confirm', 7],
    ];
    for (const [url, purpose, path, days] of cases) {
      const parsed = new URL(url);
      expect(parsed.origin + parsed.pathname).toBe(`https://paperboy.example${path}`);
      const result = links.verify(parsed.searchParams.get('token')!, purpose);
      expect(result.ok && result.claims.expiresAt.getTime() - t0.getTime()).toBe(days * DAY);
      expect(result.ok && result.claims.keyId).toBe(linkKeyId(NEW));
    }
  });

  it('unsubscribe links outlive a year', () => {
    const links = createLinkBuilder(config, { now: () => t0 });
    const url = new URL(links.unsubscribeUrl(newSubscriberId()));
    const later = createLinkBuilder(config, { now: () => new Date(+t0 + 366 * DAY) });
    expect(later.verify(url.searchParams.get('token')!, 'unsubscribe').ok).toBe(true);
  });
});
