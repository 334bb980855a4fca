import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendPacer } from '../../../src/deliveries/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

describe('the shared pacer', () => {
  let t: TestRedis;

  beforeAll(async () => {
    t = await openTestRedis('pacer');
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('lets a transactional request go ahead of every digest request already waiting for a slot', async () => {
    // Two processes' pacers (separate instances) on one installation's keys, 10 requests per second.
    const digests = SendPacer.shared(t.redis, t.keyspace, 10);
    const transactional = SendPacer.shared(t.redis, t.keyspace, 10);
    const order: string[] = [];
    const first = digests.acquire('digest').then(() => order.push('d0'));
    const waiting = Array.from({ length: 6 }, (_, i) => digests.acquire('digest').then(() => order.push(`d${i + 1}`)));
    await first;
    // Six digest requests now hold the next six slots; the transactional one arrives after all of them.
    await transactional.acquire('transactional').then(() => order.push('tx'));
    await Promise.all(waiting);
    expect(order[0]).toBe('d0');
    expect(order.indexOf('tx'), `order: ${order.join(' ')}`).toBeLessThanOrEqual(2);
  });

  it('holds back both lanes after a push-back (a 429), the transactional one included', async () => {
    const pacer = SendPacer.shared(t.redis, t.keyspace, 10);
    const other = SendPacer.shared(t.redis, t.keyspace, 10);
    await pacer.pushBack(400);
    const order: string[] = [];
    // A digest request reserved before the push-back would have gone at once without the hold.
    const sentinel = new Promise<void>((resolve) => setTimeout(resolve, 150)).then(() => order.push('150ms'));
    await Promise.all([
      other.acquire('transactional').then(() => order.push('tx')),
      pacer.acquire('digest').then(() => order.push('digest')),
      sentinel,
    ]);
    expect(order[0]).toBe('150ms');
  });
});
