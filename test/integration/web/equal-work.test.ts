import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorRedis } from '../../support/redis-monitor.ts';
import { FORM, form, startWeb, type WebHarness } from './support.ts';

const prefs = { topics: ['robotics'], perTopic: 5, alsoTrending: true };

describe('subscribe does the same work for every state of the address', () => {
  let h: WebHarness;
  let monitor: { close(): void } | undefined;
  let webAddress: string;
  const seen: string[] = [];

  beforeAll(async () => {
    h = await startWeb('web-equal-work');
    const web = h.app.webContext.deps.redis;
    // The web connection's client address, as Redis sees it: MONITOR names each command's sender.
    webAddress = /addr=(\S+)/.exec(String(await web.client('INFO')))![1]!;
    monitor = await monitorRedis(h.t.url, (command, source) => {
      if (source === webAddress) seen.push(command);
    });
  });
  afterAll(async () => {
    monitor?.close();
    await h.close();
  });

  /** The Redis commands the web connection sends for one subscribe, its answer, and the mails it caused. */
  async function subscribeAndWatch(email: string) {
    const sentBefore = h.sent.length;
    seen.length = 0;
    const res = await h.app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: FORM,
      remoteAddress: '10.7.0.1',
      payload: form({ email, topics: 'visual-rl' }),
    });
    await h.settle();
    // A marker from the same connection: once MONITOR shows it, every command before it has been seen.
    await h.app.webContext.deps.redis.echo('end-of-subscribe');
    await expect.poll(() => seen.at(-1)).toBe('echo');
    return {
      commands: seen.slice(0, -1),
      body: res.body.replace(email, 'ADDRESS'),
      status: res.statusCode,
      mails: h.sent.slice(sentBefore).map((m) => m.tags.kind),
    };
  }

  it('new, pending, active, unsubscribed, bounced, complained and erased-complained addresses', async () => {
    const add = async (email: string, status?: 'active' | 'unsubscribed' | 'bounced' | 'complained') => {
      const { subscriber } = await h.store.add(email, prefs, { confirmed: status !== undefined });
      if (status && status !== 'active') await h.store.setStatus(subscriber.id, status, 'test');
      return subscriber;
    };
    await add('pending@example.org');
    await add('active@example.org', 'active');
    await add('gone@example.org', 'unsubscribed');
    await add('bounced@example.org', 'bounced');
    await add('complained@example.org', 'complained');
    const erased = await add('erased@example.org', 'complained');
    await h.store.erase(erased.id);

    await subscribeAndWatch('warm-up@example.org'); // loads the scripts once (EVALSHA's first NOSCRIPT)
    const results = new Map<string, Awaited<ReturnType<typeof subscribeAndWatch>>>();
    for (const email of [
      'new@example.org',
      'pending@example.org',
      'active@example.org',
      'gone@example.org',
      'bounced@example.org',
      'complained@example.org',
      'erased@example.org',
    ]) {
      results.set(email, await subscribeAndWatch(email));
    }
    const first = results.get('new@example.org')!;
    // The per-IP count, the per-address count, and one store script: the same for everyone. After the answer, an
    // address that gets an email has it queued by BullMQ on the same connection (its scripts follow these three).
    for (const [email, r] of results) {
      expect(r.commands.slice(0, 3), email).toEqual(['eval', 'eval', 'evalsha']);
      expect(r.status, email).toBe(200);
      expect(r.body, email).toBe(first.body);
    }
    // Only what is sent differs: nothing at all to bounced, complained and erased-complained addresses.
    expect(Object.fromEntries([...results].map(([email, r]) => [email, r.mails]))).toEqual({
      'new@example.org': ['confirm'],
      'pending@example.org': ['confirm'],
      'active@example.org': ['manage-link'],
      'gone@example.org': ['confirm'],
      'bounced@example.org': [],
      'complained@example.org': [],
      'erased@example.org': [],
    });
    // The erased address was not brought back.
    expect(await h.store.findByEmail('erased@example.org')).toBeUndefined();
  });
});
