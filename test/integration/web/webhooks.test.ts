import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscriber } from '../../../src/subscribers/index.ts';
import { startWeb, signWebhook, WEBHOOK_SECRET, type WebHarness } from './support.ts';

const prefs = { topics: ['robotics'], perTopic: 5, alsoTrending: true };

function event(type: string, sub: Subscriber | undefined, to: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    type,
    created_at: '2026-03-02T07:01:02.000Z',
    data: {
      email_id: `em_${Math.random().toString(36).slice(2)}`,
      from: 'Paperboy <digest@paperboy.test>',
      to: [to],
      subject: 'Daily Papers',
      ...(sub ? { tags: { edition: '2026-03-02', subscriber: sub.id, kind: 'digest' } } : {}),
      ...extra,
    },
  });
}

describe('POST /webhooks/resend', () => {
  let h: WebHarness;
  const post = (body: string, headers: Record<string, string>) =>
    h.app.inject({ method: 'POST', url: '/webhooks/resend', headers, payload: body });

  beforeAll(async () => {
    h = await startWeb('web-hooks');
  });
  afterAll(async () => {
    await h.close();
  });

  it('signs test payloads exactly as the Resend SDK verifies them', () => {
    const body = event('email.delivered', undefined, 'a@example.org');
    const headers = signWebhook(body);
    const verified = new Resend('re_test_only').webhooks.verify({
      payload: body,
      headers: { id: headers['svix-id'], timestamp: headers['svix-timestamp'], signature: headers['svix-signature'] },
      webhookSecret: WEBHOOK_SECRET,
    });
    expect(verified.type).toBe('email.delivered');
  });

  it('refuses a bad signature with 401 and changes nothing', async () => {
    const sub = (await h.store.add('victim@example.org', prefs, { confirmed: true })).subscriber;
    const body = event('email.complained', sub, 'victim@example.org');
    const good = signWebhook(body);
    const cases: Record<string, string>[] = [
      { ...good, 'svix-signature': good['svix-signature'].replace(/.(?=.{4}$)/, (c) => (c === 'A' ? 'B' : 'A')) },
      signWebhook(body, `whsec_${Buffer.from('another secret entirely!').toString('base64')}`),
      { ...good, 'svix-id': 'msg_other' },
      signWebhook(body, WEBHOOK_SECRET, new Date(Date.now() - 10 * 60_000)),
      { 'content-type': 'application/json' },
    ];
    for (const headers of cases) {
      const res = await post(body, headers);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: 'invalid signature' });
    }
    // The body is checked byte for byte: re-serialised JSON does not verify.
    const reformatted = JSON.stringify(JSON.parse(body), null, 1);
    expect((await post(reformatted, good)).statusCode).toBe(401);
    expect((await h.store.get(sub.id))?.status).toBe('active');
  });

  it('suppresses a hard bounce, once, and ignores a redelivery', async () => {
    const sub = (await h.store.add('bounce@example.org', prefs, { confirmed: true })).subscriber;
    const body = event('email.bounced', sub, 'bounce@example.org', {
      bounce: { type: 'Permanent', subType: 'General', message: 'mailbox does not exist' },
    });
    const headers = signWebhook(body);
    const res = await post(body, headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    const after = await h.store.get(sub.id);
    expect(after?.status).toBe('bounced');
    expect(after?.statusReason).toBe('hard bounce: General');
    await h.store.setStatus(sub.id, 'active', 'operator');
    const again = await post(body, headers);
    expect(again.json()).toEqual({ status: 'duplicate' });
    expect((await h.store.get(sub.id))?.status).toBe('active');
  });

  it('does not suppress a soft bounce', async () => {
    const sub = (await h.store.add('soft@example.org', prefs, { confirmed: true })).subscriber;
    const body = event('email.bounced', sub, 'soft@example.org', {
      bounce: { type: 'Transient', subType: 'MailboxFull', message: 'full' },
    });
    expect((await post(body, signWebhook(body))).statusCode).toBe(200);
    expect((await h.store.get(sub.id))?.status).toBe('active');
  });

  it('marks a complaint, finding the subscriber by address when the event has no tags', async () => {
    const sub = (await h.store.add('Complainer@Example.org', prefs, { confirmed: true })).subscriber;
    const body = event('email.complained', undefined, 'complainer@example.org');
    expect((await post(body, signWebhook(body))).statusCode).toBe(200);
    expect((await h.store.get(sub.id))?.status).toBe('complained');
  });

  it('answers 400 to a signed body that is not an event, and 200 to event types it does not act on', async () => {
    const junk = '{"hello":"world"}';
    expect((await post(junk, signWebhook(junk))).statusCode).toBe(400);
    const notJson = 'not json';
    expect((await post(notJson, signWebhook(notJson))).statusCode).toBe(400);
    const other = JSON.stringify({ type: 'domain.updated', created_at: '2026-03-02T07:00:00Z', data: { id: 'd_1' } });
    expect((await post(other, signWebhook(other))).json()).toEqual({ status: 'ok' });
  });

  it('refuses oversized bodies with a 4xx JSON error', async () => {
    const big = 'x'.repeat(300 * 1024);
    const res = await post(big, signWebhook(big));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toHaveProperty('error');
  });
});

describe('POST /webhooks/resend without a secret', () => {
  it('answers 503 so the provider retries once it is configured', async () => {
    const h = await startWeb('web-hooks-nosecret', { RESEND_WEBHOOK_SECRET: '' });
    const body = event('email.delivered', undefined, 'a@example.org');
    const res = await h.app.inject({
      method: 'POST',
      url: '/webhooks/resend',
      headers: signWebhook(body),
      payload: body,
    });
    expect(res.statusCode).toBe(503);
    await h.close();
  });
});
