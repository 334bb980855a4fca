import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkBuilder } from '../../../src/subscribers/index.ts';
import { FORM, pathOf, startWeb, type WebHarness } from './support.ts';

const prefs = { topics: ['robotics'], perTopic: 5, alsoTrending: true };

describe('confirming takes a person: scanners that fetch links change nothing', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWeb('web-confirm');
  });
  afterAll(async () => {
    await h.close();
  });

  it('a GET or HEAD of the confirm link leaves the subscriber pending; the button POST confirms', async () => {
    const { subscriber } = await h.store.add('scanned@example.org', prefs);
    const url = pathOf(createLinkBuilder(h.config).confirmUrl(subscriber.id));

    // Outlook Safe Links and gateways fetch every link, some with HEAD, some more than once.
    for (const method of ['GET', 'HEAD', 'GET', 'HEAD'] as const) {
      const res = await h.app.inject({ method, url });
      expect(res.statusCode, method).toBe(200);
    }
    expect((await h.store.get(subscriber.id))?.status).toBe('pending');

    const page = await h.app.inject({ method: 'GET', url });
    expect(page.body).toContain('Confirm your subscription');
    // A plain form (no script needed) that posts back to the same link.
    expect(page.body).toContain(`<form method="post" action="${url}">`);
    expect(page.body).toMatch(/<button type="submit">Confirm my subscription<\/button>/);
    expect(page.body).not.toContain('<script');

    const pressed = await h.app.inject({ method: 'POST', url, headers: FORM, payload: '' });
    expect(pressed.statusCode).toBe(200);
    expect(pressed.body).toContain('You are subscribed');
    expect((await h.store.get(subscriber.id))?.status).toBe('active');
  });

  it('a bad confirm token gets the error page on GET and POST alike', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const res = await h.app.inject({ method, url: '/confirm?token=not-a-token', headers: FORM, payload: '' });
      expect(res.statusCode, method).toBe(400);
    }
  });
});
