import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkBuilder, signLinkToken, type Subscriber } from '../../../src/subscribers/index.ts';
import { FORM, pathOf, startWeb, type WebHarness } from './support.ts';

const prefs = { topics: ['robotics'], perTopic: 5, alsoTrending: true };

function multipart(fields: Record<string, string>) {
  const boundary = '----paperboy-test-boundary';
  const body =
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') + `--${boundary}--\r\n`;
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body };
}

describe('RFC 8058 one-click unsubscribe', () => {
  let h: WebHarness;
  const make = async (email: string): Promise<{ sub: Subscriber; url: string }> => {
    const sub = (await h.store.add(email, prefs, { confirmed: true })).subscriber;
    return { sub, url: pathOf(createLinkBuilder(h.config).unsubscribeUrl(sub.id)) };
  };
  beforeAll(async () => {
    h = await startWeb('web-unsub', { GOODBYE_EMAIL: 'true' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('GET only shows a confirm page and changes nothing', async () => {
    const { sub, url } = await make('scanner@example.org');
    const res = await h.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Unsubscribe from Paperboy?');
    expect(res.body).toMatch(/<form method="post" action="\/unsubscribe\?token=/);
    expect((await h.store.get(sub.id))?.status).toBe('active');
  });

  it('unsubscribes a form-urlencoded one-click POST with 200, no redirect, no cookie', async () => {
    const { sub, url } = await make('urlenc@example.org');
    const res = await h.app.inject({ method: 'POST', url, headers: FORM, payload: 'List-Unsubscribe=One-Click' });
    expect(res.statusCode).toBe(200);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    const after = await h.store.get(sub.id);
    expect(after?.status).toBe('unsubscribed');
    expect(after?.statusReason).toBe('one-click');
    // The same POST again is fine, and sends no second goodbye.
    const again = await h.app.inject({ method: 'POST', url, headers: FORM, payload: 'List-Unsubscribe=One-Click' });
    expect(again.statusCode).toBe(200);
    await h.settle();
    expect(h.sent.filter((m) => m.tags.subscriber === sub.id).map((m) => m.tags.kind)).toEqual(['goodbye']);
  });

  it('unsubscribes a multipart one-click POST', async () => {
    const { sub, url } = await make('multi@example.org');
    const res = await h.app.inject({ method: 'POST', url, ...multipart({ 'List-Unsubscribe': 'One-Click' }) });
    expect(res.statusCode).toBe(200);
    expect((await h.store.get(sub.id))?.status).toBe('unsubscribed');
  });

  it('unsubscribes even when the body is empty, of another type, or unreadable multipart', async () => {
    for (const [i, req] of [
      { payload: '' },
      { headers: { 'content-type': 'text/plain' }, payload: 'List-Unsubscribe=One-Click' },
      { headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: 'garbage' },
      { headers: { 'content-type': 'application/json' }, payload: '{nope' },
    ].entries()) {
      const { sub, url } = await make(`odd${i}@example.org`);
      const res = await h.app.inject({ method: 'POST', url, ...req });
      expect(res.statusCode, `case ${i}`).toBe(200);
      expect((await h.store.get(sub.id))?.status, `case ${i}`).toBe('unsubscribed');
    }
  });

  it('honours an authentic expired unsubscribe token, and answers 200 to unknown ones without a change', async () => {
    const { sub } = await make('old@example.org');
    const past = new Date(Date.now() - 500 * 86_400_000);
    const expired = signLinkToken(
      {
        subscriberId: sub.id,
        purpose: 'unsubscribe',
        issuedAt: past,
        expiresAt: new Date(past.getTime() + 400 * 86_400_000),
      },
      h.config.links.secrets,
    );
    const res = await h.app.inject({
      method: 'POST',
      url: `/unsubscribe?token=${expired}`,
      headers: FORM,
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect((await h.store.get(sub.id))?.status).toBe('unsubscribed');

    const { sub: other, url } = await make('other@example.org');
    const forged = url.slice(0, -3) + (url.endsWith('AAA') ? 'BBB' : 'AAA');
    const bodies = new Set<string>();
    for (const target of [
      forged,
      '/unsubscribe',
      '/unsubscribe?token=',
      '/unsubscribe?token=x.y',
      `/unsubscribe?token=${'A'.repeat(2000)}`,
    ]) {
      const r = await h.app.inject({
        method: 'POST',
        url: target,
        headers: FORM,
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(r.statusCode, target.slice(0, 40)).toBe(200);
      bodies.add(r.body);
    }
    expect(bodies.size).toBe(1);
    expect((await h.store.get(other.id))?.status).toBe('active');
  });

  it('a confirm or manage token cannot unsubscribe', async () => {
    const { sub } = await make('purpose@example.org');
    const links = createLinkBuilder(h.config);
    for (const url of [links.manageUrl(sub.id), links.confirmUrl(sub.id)]) {
      const token = new URL(url).searchParams.get('token')!;
      const r = await h.app.inject({
        method: 'POST',
        url: `/unsubscribe?token=${token}`,
        headers: FORM,
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(r.statusCode).toBe(200);
    }
    expect((await h.store.get(sub.id))?.status).toBe('active');
  });
});
