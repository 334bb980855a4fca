import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkBuilder } from '../../../src/subscribers/index.ts';
import { connectWebRedis } from '../../../src/shared/redis.ts';
import { buildWebApp } from '../../../src/web/index.ts';
import { FORM, startWeb, type WebHarness } from './support.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.%=+/ ~';

/** A random mutation of a token: change, insert, delete, truncate, duplicate or shuffle a slice. */
function mutate(token: string): string {
  const i = randomInt(token.length);
  const c = ALPHABET[randomInt(ALPHABET.length)]!;
  switch (randomInt(7)) {
    case 0:
      return token.slice(0, i) + (c === token[i] ? (c === 'A' ? 'B' : 'A') : c) + token.slice(i + 1);
    case 1:
      return token.slice(0, i) + c + token.slice(i);
    case 2:
      return token.slice(0, i) + token.slice(i + 1);
    case 3:
      return token.slice(0, Math.max(1, i));
    case 4:
      return token + token.slice(i);
    case 5:
      return randomBytes(randomInt(1, 120)).toString('base64url');
    default: {
      const j = randomInt(token.length);
      const [a, b] = [Math.min(i, j), Math.max(i, j)];
      const mid = token.slice(a, b).split('').reverse().join('');
      return mid === token.slice(a, b) ? `${token}x` : token.slice(0, a) + mid + token.slice(b);
    }
  }
}

describe('bad input never causes a 500', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWeb('web-fuzz');
  });
  afterAll(async () => {
    await h.close();
  });

  it('rejects 1,000 randomly mutated tokens on every token route with a 4xx (or the one-click 200), changing nothing', async () => {
    const sub = (await h.store.add('fuzz@example.org', { topics: ['robotics'], perTopic: 5, alsoTrending: true }))
      .subscriber;
    const links = createLinkBuilder(h.config);
    const tokens = {
      confirm: new URL(links.confirmUrl(sub.id)).searchParams.get('token')!,
      manage: new URL(links.manageUrl(sub.id)).searchParams.get('token')!,
      unsubscribe: new URL(links.unsubscribeUrl(sub.id)).searchParams.get('token')!,
    };
    const statuses = new Map<number, number>();
    let tried = 0;
    while (tried < 1000) {
      const purpose = (['confirm', 'manage', 'unsubscribe'] as const)[tried % 3]!;
      const bad = mutate(tokens[purpose]);
      if (links.verify(bad, purpose).ok) continue; // an identity mutation, not a tamper
      tried += 1;
      const q = `token=${encodeURIComponent(bad)}`;
      const calls: { method: 'GET' | 'POST'; url: string; payload?: string }[] =
        purpose === 'confirm'
          ? [
              { method: 'GET', url: `/confirm?${q}` },
              { method: 'POST', url: `/confirm?${q}`, payload: '' },
            ]
          : purpose === 'manage'
            ? [
                { method: 'GET', url: `/preferences?${q}` },
                { method: 'POST', url: `/preferences?${q}`, payload: 'topics=visual-rl' },
              ]
            : [
                { method: 'GET', url: `/unsubscribe?${q}` },
                { method: 'POST', url: `/unsubscribe?${q}`, payload: 'List-Unsubscribe=One-Click' },
              ];
      for (const call of calls) {
        const res = await h.app.inject({ ...call, ...(call.payload ? { headers: FORM } : {}) });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const oneClick = call.method === 'POST' && call.url.startsWith('/unsubscribe');
        if (oneClick) expect(res.statusCode).toBe(200);
        else expect(res.statusCode, `${call.method} ${call.url}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
      }
    }
    const after = await h.store.get(sub.id);
    expect(after?.status).toBe('pending');
    expect(after?.preferences.topics).toEqual(['robotics']);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  });

  it('answers malformed requests with 4xx pages or JSON', async () => {
    const cases = [
      { method: 'GET' as const, url: '/confirm?token=a&token=b' },
      { method: 'GET' as const, url: '/nope' },
      { method: 'POST' as const, url: '/subscribe', headers: FORM, payload: 'email=' + 'a'.repeat(70_000) },
      {
        method: 'POST' as const,
        url: '/subscribe',
        headers: { 'content-type': 'application/json' },
        payload: '{"email":',
      },
      { method: 'POST' as const, url: '/subscribe', headers: { 'content-type': 'application/xml' }, payload: '<a/>' },
      { method: 'POST' as const, url: '/subscribe', headers: FORM, payload: 'topics[]=x&topics=%E0%A4%A' },
      { method: 'POST' as const, url: '/links/refresh', headers: FORM, payload: 'token=x' },
      { method: 'PUT' as const, url: '/preferences' },
    ];
    for (const c of cases) {
      const res = await h.app.inject(c);
      expect(res.statusCode, `${c.method} ${c.url} ${String(c.payload ?? '').slice(0, 30)}`).toBeGreaterThanOrEqual(
        400,
      );
      expect(res.statusCode).toBeLessThan(500);
    }
  });

  it('reports Redis health on /readyz', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', redis: 'up' });
  });
});

describe('GET /readyz and /healthz when Redis does not answer', () => {
  it('is not ready (503) without waiting for Redis to come back, and still alive (200)', async () => {
    const h = await startWeb('web-health-down');
    // The connection `paperboy serve` gives the web, pointed at a port where nothing listens.
    const dead = connectWebRedis('redis://127.0.0.1:1', { lazyConnect: true, retryStrategy: () => 1000 });
    dead.on('error', () => undefined);
    const app = await buildWebApp({ ...h.app.webContext.deps, redis: dead });
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', redis: 'down' });
    // Liveness never asks Redis: a Redis outage must not get the web restarted.
    const live = await app.inject({ method: 'GET', url: '/healthz' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ status: 'ok' });
    await app.close();
    dead.disconnect();
    await h.close();
  });
});
