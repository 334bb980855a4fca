import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkBuilder, sendBucketCounts } from '../../../src/subscribers/index.ts';
import { FORM, form, pathOf, startWeb, type WebHarness } from './support.ts';

describe('delivery time and cadence on the web', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWeb('web-delivery', { DIGEST_TZ: 'America/New_York' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('offers the choices on the subscribe form, the zone filled in by a script the CSP allows', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/' });
    expect(res.body).toMatch(/name="timeZone" value="America\/New_York"/);
    expect(res.body).toContain('data-browser-zone');
    expect(res.body).toMatch(/<option value="7" selected>07:00<\/option>/);
    const script = /<script>(.*?)<\/script>/s.exec(res.body)?.[1] ?? '';
    expect(script).toContain('resolvedOptions().timeZone');
    const hash = createHash('sha256').update(script).digest('base64');
    expect(res.headers['content-security-policy']).toContain(`script-src 'sha256-${hash}'`);
  });

  it('stores the zone, hour and cadence chosen at subscribe time, and refuses an unknown zone', async () => {
    const base = { email: 'tz@example.org', topics: ['robotics'], perTopic: '3', alsoTrending: 'on' };
    const bad = await h.app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: FORM,
      payload: form({ ...base, cadence: 'daily', timeZone: 'Mars/Olympus', hour: '6' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('is not a time zone we know');
    expect(bad.body).toMatch(/<option value="6" selected>06:00<\/option>/);
    const ok = await h.app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: FORM,
      payload: form({ ...base, cadence: 'weekly', weekday: '5', timeZone: 'asia/kolkata', hour: '6' }),
    });
    expect(ok.statusCode).toBe(200);
    await h.settle();
    const stored = await h.store.findByEmail('tz@example.org');
    expect(stored?.preferences).toMatchObject({ cadence: 'weekly', weekday: 5, timeZone: 'Asia/Calcutta', hour: 6 });
  });

  it('changes the delivery on the preferences page and moves the reader to the new send bucket', async () => {
    const { subscriber } = await h.store.add(
      'prefs-tz@example.org',
      { topics: ['robotics'], perTopic: 5, alsoTrending: true },
      { confirmed: true },
    );
    const manage = pathOf(createLinkBuilder(h.config).manageUrl(subscriber.id));
    const page = await h.app.inject({ method: 'GET', url: manage });
    // A reader of the morning run: no zone, and no script that would quietly give them one.
    expect(page.body).toMatch(/name="timeZone" value=""/);
    expect(page.body).not.toContain('<script');
    const res = await h.app.inject({
      method: 'POST',
      url: manage,
      headers: FORM,
      payload: form({
        topics: ['robotics'],
        perTopic: '5',
        alsoTrending: 'on',
        cadence: 'daily',
        timeZone: 'Europe/Berlin',
        hour: '8',
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<option value="8" selected>08:00<\/option>/);
    expect((await h.store.get(subscriber.id))?.preferences).toMatchObject({ timeZone: 'Europe/Berlin', hour: 8 });
    expect((await sendBucketCounts(h.t.redis, h.t.keyspace)).get('d|Europe/Berlin|08')).toBe(1);
    // Back to the morning run: an empty zone.
    await h.app.inject({
      method: 'POST',
      url: manage,
      headers: FORM,
      payload: form({ topics: ['robotics'], perTopic: '5', cadence: 'daily', timeZone: '', hour: '8' }),
    });
    const back = (await h.store.get(subscriber.id))?.preferences;
    expect(back?.timeZone).toBeUndefined();
    expect((await sendBucketCounts(h.t.redis, h.t.keyspace)).get('d|Europe/Berlin|08')).toBeUndefined();
  });
});
