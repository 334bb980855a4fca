import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, clearOutbox, form, pathOf, startWeb, type WebHarness } from './support.ts';

describe('subscribe and confirm (double opt-in)', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWeb('web-subscribe');
  });
  afterAll(async () => {
    await h.close();
  });

  const subscribe = (email: string, topics: string[] | string = ['robotics'], ip = '10.0.0.1', extra = {}) =>
    h.app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: FORM,
      remoteAddress: ip,
      payload: form({ email, topics, perTopic: '3', alsoTrending: 'on', ...extra }),
    });

  it('shows what Paperboy sends and a subscribe form with the taxonomy topics', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<form method="post" action="/subscribe"');
    for (const id of ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics']) {
      expect(res.body).toContain(`value="${id}"`);
    }
    expect(res.body).toMatch(/<label for="email">/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // The CSP allows exactly the page's inline style, by hash.
    const style = res.body.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(String(res.headers['content-security-policy'])).toContain(`style-src 'sha256-${hash}'`);
  });

  it('subscribe -> confirmation email in the outbox -> confirm -> active', async () => {
    const res = await subscribe('Grace@Example.org', ['robotics', 'vlm-reasoning']);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Check your inbox');
    await h.settle();
    const pending = await h.store.findByEmail('grace@example.org');
    expect(pending?.status).toBe('pending');
    expect(pending?.preferences).toEqual({ topics: ['robotics', 'vlm-reasoning'], perTopic: 3, alsoTrending: true });

    const mails = await h.mails();
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.kind).toBe('confirm');
    expect(mail.parsed.to).toMatchObject({ text: 'Grace@example.org' });
    // Transactional mail: its own sender, no list headers (nobody is subscribed yet), a Feedback-ID.
    const keys = mail.parsed.headerLines.map((l) => l.key);
    expect(keys).not.toContain('list-id');
    expect(keys).not.toContain('list-unsubscribe');
    expect(mail.parsed.from?.value[0]?.address).toBe('account@paperboy.localhost');
    expect(mail.parsed.headers.get('feedback-id')).toBe('confirm:transactional:paperboy:paperboy');
    const confirmUrl = mail.link('/confirm');
    expect(confirmUrl).toBeDefined();
    expect(confirmUrl).not.toMatch(/grace/i);

    // Opening the link (a person, or a mail scanner) only shows the button; pressing it confirms.
    const page = await h.app.inject({ method: 'GET', url: pathOf(confirmUrl!) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<form method="post" action="${pathOf(confirmUrl!)}">`);
    expect((await h.store.get(pending!.id))?.status).toBe('pending');
    const confirmed = await h.app.inject({ method: 'POST', url: pathOf(confirmUrl!), headers: FORM, payload: '' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('You are subscribed');
    expect(confirmed.body).toMatch(/href="\/preferences\?token=/);
    expect((await h.store.get(pending!.id))?.status).toBe('active');

    const again = await h.app.inject({ method: 'POST', url: pathOf(confirmUrl!), headers: FORM, payload: '' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('already subscribed');
    expect((await h.store.get(pending!.id))?.status).toBe('active');
  });

  it('answers the same whether the address is new, pending, active or unsubscribed, and never changes an active one', async () => {
    await clearOutbox(h.outbox);
    const active = (
      await h.store.add(
        'active@example.org',
        { topics: ['robotics'], perTopic: 5, alsoTrending: true },
        { confirmed: true },
      )
    ).subscriber;
    await h.store.add('pending@example.org', { topics: ['robotics'], perTopic: 5, alsoTrending: true });
    const gone = (
      await h.store.add(
        'gone@example.org',
        { topics: ['robotics'], perTopic: 5, alsoTrending: true },
        { confirmed: true },
      )
    ).subscriber;
    await h.store.setStatus(gone.id, 'unsubscribed', 'test');
    const bounced = (
      await h.store.add(
        'bounced@example.org',
        { topics: ['robotics'], perTopic: 5, alsoTrending: true },
        { confirmed: true },
      )
    ).subscriber;
    await h.store.setStatus(bounced.id, 'bounced', 'test');

    const bodies = new Set<string>();
    for (const email of [
      'new@example.org',
      'pending@example.org',
      'active@example.org',
      'gone@example.org',
      'bounced@example.org',
    ]) {
      const res = await subscribe(email, ['visual-rl'], '10.0.0.2');
      expect(res.statusCode).toBe(200);
      bodies.add(res.body.replace(email, 'ADDRESS'));
    }
    await h.settle();
    expect(bodies.size).toBe(1);
    // The active subscription was not changed by an unauthenticated form; its owner got a preferences link.
    expect((await h.store.get(active.id))?.preferences.topics).toEqual(['robotics']);
    const mails = await h.mails();
    const byKind = mails.map((m) => `${m.kind}:${m.parsed.to && 'text' in m.parsed.to ? m.parsed.to.text : ''}`).sort();
    expect(byKind).toEqual([
      'confirm:gone@example.org',
      'confirm:new@example.org',
      'confirm:pending@example.org',
      'manage-link:active@example.org',
    ]);
    // Bounced stays bounced; unsubscribed stays unsubscribed until its owner clicks the new confirm link.
    expect((await h.store.get(bounced.id))?.status).toBe('bounced');
    expect((await h.store.get(gone.id))?.status).toBe('unsubscribed');
    const goneMail = mails.find((m) => m.subscriberId === gone.id)!;
    const res = await h.app.inject({ method: 'POST', url: pathOf(goneMail.link('/confirm')!) });
    expect(res.statusCode).toBe(200);
    expect((await h.store.get(gone.id))?.status).toBe('active');
  });

  it('rejects bad input with a helpful 400 page that keeps what was typed', async () => {
    const bad = await subscribe('not-an-email', ['robotics'], '10.0.0.3');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('does not look like an email address');
    expect(bad.body).toContain('value="not-an-email"');
    expect(bad.body).toContain('aria-invalid="true"');

    const unknown = await subscribe('x@example.org', ['robotics', 'astrology'], '10.0.0.3');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Unknown topic &quot;astrology&quot;');

    const none = await subscribe('x@example.org', [], '10.0.0.3');
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose at least one topic');

    const perTopic = await subscribe('x@example.org', ['robotics'], '10.0.0.3', { perTopic: '999' });
    expect(perTopic.statusCode).toBe(400);

    await h.settle();
    const xss = await subscribe('<script>alert(1)</script>@example.org', ['robotics'], '10.0.0.3');
    expect(xss.statusCode).toBe(400);
    expect(xss.body).not.toContain('<script>alert(1)');
    expect(await h.store.findByEmail('x@example.org')).toBeUndefined();
  });

  it('limits per address silently and per IP with a 429', async () => {
    await clearOutbox(h.outbox);
    for (let i = 0; i < 5; i += 1) {
      const res = await subscribe('limited@example.org', ['robotics'], `10.1.0.${i}`);
      expect(res.statusCode).toBe(200);
    }
    await h.settle();
    // At most 3 per address (two requests in the same millisecond are one queued email, so possibly fewer).
    const limited = h.sent.filter((m) => m.to === 'limited@example.org').length;
    expect(limited).toBeGreaterThanOrEqual(1);
    expect(limited).toBeLessThanOrEqual(3);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1)
      statuses.push((await subscribe(`ip${i}@example.org`, ['robotics'], '10.9.9.9')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
  });

  it('keeps accepting addresses that look like spreadsheet formulas (export neutralises them)', async () => {
    const email = "=cmd|'/Ccalc'!A0@example.org";
    const res = await subscribe(email, ['robotics'], '10.4.0.1');
    expect(res.statusCode).toBe(200);
    await h.settle();
    expect((await h.store.findByEmail(email))?.email).toBe(email);
  });
});
