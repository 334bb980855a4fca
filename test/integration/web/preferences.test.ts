import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkBuilder, signLinkToken, type Subscriber } from '../../../src/subscribers/index.ts';
import { FORM, form, pathOf, startWeb, type WebHarness } from './support.ts';

describe('preferences page', () => {
  let h: WebHarness;
  let sub: Subscriber;
  let manage: string;
  beforeAll(async () => {
    // Notices at once (no coalescing window), so each test sees its own email.
    h = await startWeb('web-prefs', { PREFERENCES_EMAIL_WINDOW_SECONDS: '0' });
    sub = (
      await h.store.add(
        'prefs@example.org',
        { topics: ['robotics'], perTopic: 5, alsoTrending: true },
        { confirmed: true },
      )
    ).subscriber;
    manage = pathOf(createLinkBuilder(h.config).manageUrl(sub.id));
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows the current choices in a no-JS form', async () => {
    const res = await h.app.inject({ method: 'GET', url: manage });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/name="topics"\s+value="robotics"\s+checked/);
    expect(res.body).toMatch(/name="topics"\s+value="visual-rl"\s+aria-describedby/);
    expect(res.body).toMatch(/<option value="5" selected>/);
    expect(res.body).toContain(`<form method="post" action="${manage}">`);
    expect(res.body).not.toContain('prefs@example.org');
    expect(res.body).not.toContain('<script');
  });

  it('stores a change, confirms it on the page and by email', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: manage,
      headers: FORM,
      payload: form({ topics: ['visual-rl', 'image-generation'], perTopic: '2' }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Your preferences are saved.');
    expect(res.body).toContain('up to 2 papers');
    const stored = await h.store.get(sub.id);
    expect(stored?.preferences).toEqual({
      topics: ['image-generation', 'visual-rl'],
      perTopic: 2,
      alsoTrending: false,
    });
    await h.settle();
    const saved = h.sent.filter((m) => m.tags.kind === 'preferences-saved');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('offers to unsubscribe instead of saving no topics', async () => {
    const before = await h.store.get(sub.id);
    const res = await h.app.inject({
      method: 'POST',
      url: manage,
      headers: FORM,
      payload: form({ perTopic: '3', alsoTrending: 'on' }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No topics left');
    expect(res.body).toMatch(/<form method="post" action="\/unsubscribe\?token=[A-Za-z0-9._-]+">/);
    expect(await h.store.get(sub.id)).toEqual(before);
  });

  it('rejects unknown topics and bad numbers with a 400 page, changing nothing', async () => {
    const before = await h.store.get(sub.id);
    const unknown = await h.app.inject({
      method: 'POST',
      url: manage,
      headers: FORM,
      payload: form({ topics: ['robotics', 'nope'] }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Unknown topic &quot;nope&quot;');
    const perTopic = await h.app.inject({
      method: 'POST',
      url: manage,
      headers: FORM,
      payload: form({ topics: 'robotics', perTopic: 'lots' }),
    });
    expect(perTopic.statusCode).toBe(400);
    expect(perTopic.body).toContain('Papers per topic must be a whole number');
    const json = await h.app.inject({
      method: 'POST',
      url: manage,
      headers: { 'content-type': 'application/json' },
      payload: '{"topics":',
    });
    expect(json.statusCode).toBe(400);
    expect(await h.store.get(sub.id)).toEqual(before);
  });

  it('refuses a wrong-purpose token and explains', async () => {
    const unsubscribeToken = new URL(createLinkBuilder(h.config).unsubscribeUrl(sub.id)).search;
    const res = await h.app.inject({ method: 'GET', url: `/preferences${unsubscribeToken}` });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('This link belongs to another page');
    const missing = await h.app.inject({ method: 'GET', url: '/preferences' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('This page needs a link');
  });

  it('turns an expired manage link into a page that emails a fresh one', async () => {
    const past = new Date(Date.now() - 100 * 86_400_000);
    const expired = signLinkToken(
      {
        subscriberId: sub.id,
        purpose: 'manage',
        issuedAt: past,
        expiresAt: new Date(past.getTime() + 90 * 86_400_000),
      },
      h.config.links.secrets,
    );
    const res = await h.app.inject({ method: 'GET', url: `/preferences?token=${expired}` });
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('This link has expired');
    expect(res.body).toContain(`name="token" value="${expired}"`);
    const sentBefore = h.sent.length;
    const refresh = await h.app.inject({
      method: 'POST',
      url: '/links/refresh',
      headers: FORM,
      payload: form({ token: expired, purpose: 'manage' }),
    });
    expect(refresh.statusCode).toBe(200);
    expect(refresh.body).toContain('Check your inbox');
    await h.settle();
    const fresh = h.sent.slice(sentBefore);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.to).toBe('prefs@example.org');
    const link = fresh[0]!.text.match(/https:\/\/paperboy\.test\/preferences\?token=[A-Za-z0-9._-]+/)?.[0];
    expect((await h.app.inject({ method: 'GET', url: pathOf(link!) })).statusCode).toBe(200);
    // A forged token gets the same answer and sends nothing.
    const forged = await h.app.inject({
      method: 'POST',
      url: '/links/refresh',
      headers: FORM,
      payload: form({ token: `${expired.slice(0, -2)}AA`, purpose: 'manage' }),
    });
    expect(forged.statusCode).toBe(200);
    await h.settle();
    expect(h.sent.length).toBe(sentBefore + 1);
  });

  it('shows unsubscribed people a way back that goes through a confirmation email', async () => {
    const gone = (
      await h.store.add(
        'back@example.org',
        { topics: ['robotics'], perTopic: 5, alsoTrending: true },
        { confirmed: true },
      )
    ).subscriber;
    await h.store.setStatus(gone.id, 'unsubscribed', 'test');
    const url = pathOf(createLinkBuilder(h.config).manageUrl(gone.id));
    const page = await h.app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('You are unsubscribed');
    const before = h.sent.length;
    const res = await h.app.inject({ method: 'POST', url: url.replace('/preferences', '/preferences/resubscribe') });
    expect(res.statusCode).toBe(200);
    await h.settle();
    expect(h.sent.slice(before).map((m) => m.tags.kind)).toEqual(['confirm']);
    expect((await h.store.get(gone.id))?.status).toBe('unsubscribed');
  });
});
