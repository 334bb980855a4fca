import { afterEach, describe, expect, it } from 'vitest';
import { FORM, form, startWeb, type WebHarness } from './support.ts';

/** POST /subscribe as it arrives from `remoteAddress`, with an X-Forwarded-For header when given. */
function subscribe(h: WebHarness, i: number, remoteAddress: string, xff?: string) {
  return h.app.inject({
    method: 'POST',
    url: '/subscribe',
    remoteAddress,
    headers: { ...FORM, ...(xff === undefined ? {} : { 'x-forwarded-for': xff }) },
    payload: form({ email: `reader${i}@example.org`, topics: 'robotics' }),
  });
}

describe('the client IP the rate limits key on comes from the configured proxies only', () => {
  let h: WebHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  // The subscribe limit is 20 per IP per 10 minutes.
  it.each([
    ['a hop count', '1'],
    ['the proxy address range', '10.0.0.0/8'],
  ])('with %s, a spoofed left-most X-Forwarded-For does not move the limit', async (_what, trustProxy) => {
    h = await startWeb('web-proxy', { TRUST_PROXY: trustProxy });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      // The client sends its own X-Forwarded-For; the proxy (10.0.0.1) appends the address it saw.
      const res = await subscribe(h, i, '10.0.0.1', `198.51.100.${i}, 203.0.113.7`);
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    // Another real client behind the same proxy still gets through.
    expect((await subscribe(h, 99, '10.0.0.1', '203.0.113.8')).statusCode).toBe(200);
    await h.settle();
  });

  it('ignores X-Forwarded-For from a peer that is not a configured proxy', async () => {
    h = await startWeb('web-proxy-direct', { TRUST_PROXY: '10.0.0.0/8' });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1) statuses.push((await subscribe(h, i, '192.0.2.9', `203.0.113.${i}`)).statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    await h.settle();
  });
});

describe('HSTS', () => {
  let h: WebHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('is sent when PUBLIC_BASE_URL is https', async () => {
    h = await startWeb('web-hsts'); // the harness serves https://paperboy.test
    const res = await h.app.inject({ method: 'GET', url: '/' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('is sent when a trusted proxy says the request came over https, and not over plain http', async () => {
    h = await startWeb('web-hsts-http', { PUBLIC_BASE_URL: 'http://localhost:3000', TRUST_PROXY: '1' });
    const plain = await h.app.inject({ method: 'GET', url: '/', remoteAddress: '10.0.0.1' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const proxied = await h.app.inject({
      method: 'GET',
      url: '/',
      remoteAddress: '10.0.0.1',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(proxied.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});
