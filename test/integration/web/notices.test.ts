import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkBuilder, type Subscriber } from '../../../src/subscribers/index.ts';
import { buildWebApp } from '../../../src/web/index.ts';
import { FORM, form, pathOf, startWeb, type WebHarness } from './support.ts';

const TOPICS = ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'];

describe('a manage link cannot flood an inbox: "preferences saved" is coalesced', () => {
  let h: WebHarness;
  let clock = new Date('2026-11-24T09:00:00Z');
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    h = await startWeb('web-notices', {}, { now: () => clock }); // the default window: 10 minutes
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await h.close();
  });

  /** A web process on the same Redis and transport (a restart, or a second process). */
  const webProcess = async () => {
    const app = await buildWebApp(h.app.webContext.deps);
    apps.push(app);
    await app.ready();
    return app;
  };
  const savedFor = (sub: Subscriber) =>
    h.sent.filter((m) => m.tags.kind === 'preferences-saved' && m.tags.subscriber === sub.id);

  it('30 changes in a minute send one email, at the end of the window, with the latest choices', async () => {
    const sub = (
      await h.store.add(
        'flooded@example.org',
        { topics: ['robotics'], perTopic: 5, alsoTrending: true },
        { confirmed: true },
      )
    ).subscriber;
    const manage = pathOf(createLinkBuilder(h.config).manageUrl(sub.id));
    // Two web processes behind a load balancer take turns.
    const web = [await webProcess(), await webProcess()];
    let last: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      last = [TOPICS[i % 4]!, TOPICS[(i + 1) % 4]!];
      const res = await web[i % 2]!.inject({
        method: 'POST',
        url: manage,
        headers: FORM,
        payload: form({ topics: last, perTopic: String((i % 5) + 1) }),
      });
      expect(res.statusCode).toBe(200);
      clock = new Date(clock.getTime() + 2000);
    }
    // Both processes stop before the window ends: nothing was sent yet.
    for (const app of web) await app.close();
    expect(savedFor(sub)).toHaveLength(0);

    // Ten minutes on, two processes start again at once; the one notice that was due goes out once.
    clock = new Date(clock.getTime() + 10 * 60_000);
    const restarted = await Promise.all([webProcess(), webProcess()]);
    await Promise.all(restarted.map((app) => app.webContext.background.idle()));
    await h.settle(); // the worker sends what the web queued
    const mails = savedFor(sub);
    expect(mails).toHaveLength(1);
    for (const topic of last) expect(mails[0]!.text).toContain(h.app.webContext.topicLabel(topic));
    expect(mails[0]!.text).not.toContain(h.app.webContext.topicLabel(TOPICS.find((t) => !last.includes(t))!));

    // A process that starts later finds nothing left to send.
    await (await webProcess()).webContext.background.idle();
    await h.settle();
    expect(savedFor(sub)).toHaveLength(1);
  });

  it('a change after the notice went out opens a new window (one more email, not none)', async () => {
    const sub = (
      await h.store.add(
        'again@example.org',
        { topics: ['robotics'], perTopic: 5, alsoTrending: true },
        { confirmed: true },
      )
    ).subscriber;
    const manage = pathOf(createLinkBuilder(h.config).manageUrl(sub.id));
    for (const topics of [['visual-rl'], ['image-generation']]) {
      const app = await webProcess();
      await app.inject({ method: 'POST', url: manage, headers: FORM, payload: form({ topics }) });
      await app.close();
      clock = new Date(clock.getTime() + 11 * 60_000);
      await (await webProcess()).webContext.background.idle();
      await h.settle();
    }
    expect(savedFor(sub)).toHaveLength(2);
  });
});

describe('the goodbye email after an unsubscribe', () => {
  const prefs = { topics: ['robotics'], perTopic: 5, alsoTrending: true };
  const goodbyes = (h: WebHarness, sub: Subscriber) =>
    h.sent.filter((m) => m.tags.kind === 'goodbye' && m.tags.subscriber === sub.id);

  it('is off by default: a one-click unsubscribe sends nothing', async () => {
    const h = await startWeb('web-goodbye-off');
    try {
      const sub = (await h.store.add('quiet@example.org', prefs, { confirmed: true })).subscriber;
      const res = await h.app.inject({
        method: 'POST',
        url: pathOf(createLinkBuilder(h.config).unsubscribeUrl(sub.id)),
        headers: FORM,
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(res.statusCode).toBe(200);
      await h.settle();
      expect((await h.store.get(sub.id))?.status).toBe('unsubscribed');
      expect(h.sent.filter((m) => m.tags.subscriber === sub.id)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('when turned on, goes out at most once, however often the subscriber comes back and leaves', async () => {
    const h = await startWeb('web-goodbye-on', { GOODBYE_EMAIL: 'true' });
    try {
      const sub = (await h.store.add('leaver@example.org', prefs, { confirmed: true })).subscriber;
      const links = createLinkBuilder(h.config);
      for (let round = 0; round < 3; round += 1) {
        for (let i = 0; i < 3; i += 1) {
          await h.app.inject({ method: 'POST', url: pathOf(links.unsubscribeUrl(sub.id)), headers: FORM, payload: '' });
        }
        await h.settle();
        // Back again through a fresh confirm link (issued after the unsubscribe), then off again next round.
        const confirm = await h.app.inject({ method: 'POST', url: pathOf(links.confirmUrl(sub.id)) });
        expect(confirm.body).toContain('You are subscribed');
      }
      expect(goodbyes(h, sub)).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
