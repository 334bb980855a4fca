import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubscriberStore, type Subscriber } from '../../../src/subscribers/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

const prefs = (topics: string[], perTopic = 5, alsoTrending = true) => ({ topics, perTopic, alsoTrending });

describe('SubscriberStore', () => {
  let t: TestRedis;
  let store: SubscriberStore;

  beforeAll(async () => {
    t = await openTestRedis('store');
    store = new SubscriberStore(t.redis, t.keyspace);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('adds a pending subscriber with an opaque id and finds it by address, case-insensitively', async () => {
    const { subscriber, outcome } = await store.add(
      ' Ada@Example.ORG ',
      prefs(['robotics', 'vlm-reasoning', 'robotics']),
    );
    expect(outcome).toBe('added');
    expect(subscriber.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(subscriber).toMatchObject({ email: 'Ada@example.org', status: 'pending' });
    expect(subscriber.preferences.topics).toEqual(['robotics', 'vlm-reasoning']);
    expect(subscriber.confirmedAt).toBeUndefined();
    expect((await store.findByEmail('ada@example.org'))?.id).toBe(subscriber.id);
    expect(await store.get(subscriber.id)).toEqual(subscriber);
    expect(await store.get('nope')).toBeUndefined();
    expect(await store.findByEmail('not an email')).toBeUndefined();
    // Every key lives under the keyspace.
    const keys = await t.redis.keys(t.keyspace.pattern);
    expect(
      keys.filter((k) => k.includes(subscriber.id) || k.includes('subs')).every((k) => k.startsWith(`{${t.prefix}}:`)),
    ).toBe(true);
  });

  it('reports updated and unchanged on re-adds, and confirms', async () => {
    const { subscriber } = await store.add('bob@example.org', prefs(['robotics']));
    expect((await store.add('BOB@example.org', prefs(['robotics']))).outcome).toBe('unchanged');
    const updated = await store.add('bob@example.org', prefs(['visual-rl']));
    expect(updated.outcome).toBe('updated');
    expect(updated.subscriber.preferences.topics).toEqual(['visual-rl']);
    expect((await store.add('bob@example.org', prefs(['robotics']), { existing: 'keep' })).outcome).toBe('unchanged');
    const first = await store.confirm(subscriber.id);
    expect(first?.outcome).toBe('confirmed');
    expect(first?.subscriber.status).toBe('active');
    expect(first?.subscriber.confirmedAt).toBeDefined();
    expect((await store.confirm(subscriber.id))?.outcome).toBe('already-active');
    expect(await store.confirm('AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
  });

  it('keeps suppressed addresses suppressed on re-add and re-import', async () => {
    for (const status of ['unsubscribed', 'bounced', 'complained'] as const) {
      const { subscriber } = await store.add(`${status}@example.org`, prefs(['robotics']), { confirmed: true });
      expect(subscriber.status).toBe('active');
      await store.setStatus(subscriber.id, status, 'test');
      const again = await store.add(`${status}@example.org`, prefs(['visual-rl']), { confirmed: true });
      expect(again.outcome).toBe('suppressed');
      expect(again.subscriber.status).toBe(status);
      expect(again.subscriber.preferences.topics).toEqual(['robotics']);
      expect((await store.confirm(subscriber.id))?.outcome).toBe('suppressed');
    }
  });

  it('lets only a confirm link issued after an unsubscribe reactivate', async () => {
    const { subscriber } = await store.add('back@example.org', prefs(['robotics']), { confirmed: true });
    const before = new Date(Date.now() - 5000);
    const { subscriber: gone } = (await store.setStatus(subscriber.id, 'unsubscribed', 'one-click'))!;
    expect((await store.confirm(subscriber.id, { tokenIssuedAt: before }))?.outcome).toBe('suppressed');
    const after = new Date(Date.parse(gone.statusChangedAt) + 1000);
    const back = await store.confirm(subscriber.id, { tokenIssuedAt: after });
    expect(back?.outcome).toBe('confirmed');
    expect(back?.subscriber.status).toBe('active');
    expect(back?.subscriber.statusReason).toBeUndefined();
  });

  it('never lets a weaker suppression replace a stronger one', async () => {
    const { subscriber } = await store.add('weak@example.org', prefs(['robotics']), { confirmed: true });
    expect((await store.setStatus(subscriber.id, 'complained', 'complaint'))?.changed).toBe(true);
    const r = await store.setStatus(subscriber.id, 'unsubscribed', 'one-click');
    expect(r?.changed).toBe(false);
    expect(r?.subscriber.status).toBe('complained');
  });

  it('never loses a write under concurrent updates', async () => {
    const { subscriber } = await store.add('busy@example.org', prefs([]), { confirmed: true });
    const topics = Array.from({ length: 40 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    await Promise.all([
      ...topics.map((topic) => store.updatePreferences(subscriber.id, (p) => ({ ...p, topics: [...p.topics, topic] }))),
      store.updatePreferences(subscriber.id, (p) => ({ ...p, perTopic: 9 })),
      store.setStatus(subscriber.id, 'unsubscribed', 'racing'),
    ]);
    const after = (await store.get(subscriber.id))!;
    expect(after.preferences.topics).toEqual(topics);
    expect(after.preferences.perTopic).toBe(9);
    expect(after.status).toBe('unsubscribed');
    // The status index moved with the record, exactly once.
    expect(await t.redis.zscore(t.keyspace.key('subs', 'status', 'unsubscribed'), subscriber.id)).toBe('0');
    expect(await t.redis.zscore(t.keyspace.key('subs', 'status', 'active'), subscriber.id)).toBeNull();
  });

  it('creates one subscriber when the same address is added concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.add('race@example.org', prefs([`t${i % 2}`]))),
    );
    expect(new Set(results.map((r) => r.subscriber.id)).size).toBe(1);
    expect(results.filter((r) => r.outcome === 'added')).toHaveLength(1);
  });

  it('erases every trace', async () => {
    const { subscriber } = await store.add('gone@example.org', prefs(['robotics']), { confirmed: true });
    expect(await store.erase(subscriber.id)).toBe(true);
    expect(await store.get(subscriber.id)).toBeUndefined();
    expect(await store.findByEmail('gone@example.org')).toBeUndefined();
    const leftovers = [];
    for (const key of await t.redis.keys(`{${t.prefix}}:*`)) {
      const type = await t.redis.type(key);
      const dump =
        type === 'string'
          ? await t.redis.get(key)
          : type === 'hash'
            ? JSON.stringify(await t.redis.hgetall(key))
            : JSON.stringify(await t.redis.zrange(key, 0, -1));
      if (dump?.includes(subscriber.id) || dump?.includes('gone@')) leftovers.push(key);
    }
    expect(leftovers).toEqual([]);
    expect(await store.erase(subscriber.id)).toBe(false);
  });
});

describe('SubscriberStore scanning', () => {
  let t: TestRedis;
  let store: SubscriberStore;
  beforeAll(async () => {
    t = await openTestRedis('store-scan');
    store = new SubscriberStore(t.redis, t.keyspace);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('pages through one status in bounded batches and counts by status', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 257; i += 1) {
      const { subscriber } = await store.add(`s${i}@example.org`, prefs(['robotics']), { confirmed: i % 3 !== 0 });
      if (i % 3 !== 0) ids.push(subscriber.id);
    }
    const pages: Subscriber[][] = [];
    for await (const page of store.scanByStatus('active', { batchSize: 50 })) pages.push(page);
    expect(pages.every((p) => p.length <= 50)).toBe(true);
    const seen = pages.flat().map((s) => s.id);
    expect(seen).toEqual([...ids].sort());
    expect(pages.flat().every((s) => s.status === 'active')).toBe(true);
    const counts = await store.countByStatus();
    expect(counts).toEqual({ pending: 86, active: 171, unsubscribed: 0, bounced: 0, complained: 0 });
    // Resume after a given id.
    const sorted = [...ids].sort();
    const rest: string[] = [];
    for await (const page of store.scanByStatus('active', { batchSize: 40, after: sorted[99] }))
      rest.push(...page.map((s) => s.id));
    expect(rest).toEqual(sorted.slice(100));
    expect((await store.getMany([sorted[0]!, 'missing', sorted[1]!])).map((s) => s.id)).toEqual([sorted[0], sorted[1]]);
  });
});
