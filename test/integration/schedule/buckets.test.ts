import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueBuckets } from '../../../src/pipeline/index.ts';
import {
  SubscriberStore,
  parseSendBucketId,
  scanSendBucket,
  sendBucketCounts,
  subscriberKeys,
} from '../../../src/subscribers/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

describe('the send-bucket index', () => {
  let t: TestRedis;
  let store: SubscriberStore;

  beforeAll(async () => {
    t = await openTestRedis('sched-buckets');
    store = new SubscriberStore(t.redis, t.keyspace, { suppressionSecret: 'bucket-test-secret' });
  });
  afterAll(async () => t?.cleanup());

  const counts = async () => Object.fromEntries(await sendBucketCounts(t.redis, t.keyspace));

  it('follows every preference change, confirmation, status change and erasure', async () => {
    const prefs = { topics: ['robotics'], perTopic: 3, alsoTrending: true };
    const { subscriber: a } = await store.add(
      'a@example.org',
      { ...prefs, timeZone: 'europe/berlin' },
      { confirmed: true },
    );
    const { subscriber: b } = await store.add('b@example.org', { ...prefs, timeZone: 'Asia/Kolkata', hour: 6 });
    await store.add('c@example.org', prefs, { confirmed: true });
    // The zone is canonical and the hour defaults to 07; pending and morning-run readers are in no bucket.
    expect(await counts()).toEqual({ 'd|Europe/Berlin|07': 1 });
    await store.confirm(b.id);
    expect(await counts()).toEqual({ 'd|Europe/Berlin|07': 1, 'd|Asia/Calcutta|06': 1 });
    await store.updatePreferences(a.id, (p) => ({ ...p, cadence: 'weekly', weekday: 5 }));
    expect(await counts()).toEqual({ 'w5|Europe/Berlin|07': 1, 'd|Asia/Calcutta|06': 1 });
    await store.setStatus(b.id, 'unsubscribed', 'one-click');
    expect(await counts()).toEqual({ 'w5|Europe/Berlin|07': 1 });
    const members: string[] = [];
    for await (const ids of scanSendBucket(t.redis, t.keyspace, 'w5|Europe/Berlin|07')) members.push(...ids);
    expect(members).toEqual([a.id]);
    await t.redis.hset(subscriberKeys(t.keyspace).lastSent(), a.id, 'w:2026-01-02:2026-01-01-weekly');
    await store.erase(a.id);
    expect(await counts()).toEqual({});
    expect(await t.redis.hlen(subscriberKeys(t.keyspace).bucketMembers())).toBe(0);
    expect(await t.redis.hlen(subscriberKeys(t.keyspace).lastSent())).toBe(0);
  });

  it('reads bucket ids back and finds the due ones (weekly ones on their weekday only)', () => {
    expect(parseSendBucketId('w3|America/St_Johns|23')).toEqual({
      cadence: 'weekly',
      timeZone: 'America/St_Johns',
      hour: 23,
      weekday: 3,
    });
    expect(parseSendBucketId('x|UTC|07')).toBeUndefined();
    // Monday 30 November 2026, 06:00 UTC: 07:00 in Berlin, 11:30 in Kolkata, 02:30 in St John's.
    const due = dueBuckets(
      [
        'd|Europe/Berlin|07',
        'w1|Europe/Berlin|07',
        'w2|Europe/Berlin|07',
        'd|Asia/Kolkata|11',
        'd|America/St_Johns|02',
        'd|UTC|07',
        'junk',
      ],
      new Date('2026-11-30T06:00:00Z'),
    );
    expect(due.map((d) => `${d.id} ${d.slot.date}`)).toEqual([
      'd|America/St_Johns|02 2026-11-30',
      'd|Asia/Kolkata|11 2026-11-30',
      'd|Europe/Berlin|07 2026-11-30',
      'w1|Europe/Berlin|07 2026-11-30',
    ]);
  });
});
