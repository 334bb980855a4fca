import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../../src/deliveries/index.ts';
import { ProviderMetrics } from '../../../src/mail/index.ts';
import { createKeyspace } from '../../../src/shared/keyspace.ts';
import { connectRedis, type RedisClient } from '../../../src/shared/redis.ts';
import { skipClusterTests, startTestCluster, type TestCluster } from '../../support/redis-cluster.ts';
import { uniquePrefix } from '../../support/redis.ts';
import { waitFor } from '../../support/worker-process.ts';

const skip = skipClusterTests();

// While a slot moves, its keys sit on two masters. A script is only redirected as a whole when every key it touches
// is declared: one that writes an undeclared key there fails half-way ("Script attempted to access a non local key"),
// and a MULTI over keys on both sides is refused. These writes must wait for the move and then land whole.
describe.skipIf(skip)('writes made while the installation slot is split', () => {
  let cluster: TestCluster;
  let redis: RedisClient;
  const keyspace = createKeyspace(uniquePrefix('split'));

  beforeAll(async () => {
    cluster = await startTestCluster(3);
    redis = connectRedis(cluster.url);
  }, 120_000);
  afterAll(async () => {
    redis?.disconnect();
    await cluster?.stop();
  }, 60_000);

  it('records batch outcomes and provider metrics whole, once the slot has moved', async () => {
    const date = '2025-03-03';
    const ledger = new DeliveryLedger(redis, keyspace);
    const metrics = new ProviderMetrics(redis, keyspace);
    await ledger.plan(date, 'profile', ['sub-a', 'sub-b', 'sub-c', 'sub-z']);
    // An earlier batch already failed one address, so the edition's failed set exists.
    await ledger.claim(date, 'batch-0', ['sub-z']);
    await ledger.markOutcomes(date, 'batch-0', [{ id: 'sub-z', status: 'failed', reason: 'invalid_to' }]);
    expect(await ledger.claim(date, 'batch-1', ['sub-a', 'sub-b', 'sub-c'])).toHaveLength(3);
    await metrics.record({
      transport: 'resend',
      seconds: 0.2,
      outcome: 'ok',
      errorCodes: [],
      messages: 3,
      attempted: 3,
    });

    const slot = (await cluster.nodes[0]?.admin.cluster('KEYSLOT', keyspace.bullPrefix)) as number;
    const owner = await cluster.ownerOf(slot);
    const target = cluster.nodes.find((n) => n !== owner);
    if (!target) throw new Error('the test cluster has one master');
    await cluster.resetStats();
    // MIGRATING on the owner, IMPORTING on the target: keys that do not exist yet (the provider-id index, the error
    // counters) now belong to the target, the others are still on the owner.
    const migration = await cluster.beginSlotMigration(slot, target);

    const outcomes = ledger.markOutcomes(date, 'batch-1', [
      { id: 'sub-a', status: 'sent', providerId: 'msg-a' },
      { id: 'sub-b', status: 'failed', reason: 'invalid_to' },
    ]);
    const recorded = metrics.record({
      transport: 'resend',
      seconds: 0.4,
      outcome: 'ok',
      errorCodes: ['invalid_to'],
      messages: 2,
      attempted: 2,
    });
    let done = false;
    const settled = Promise.allSettled([outcomes, recorded]).finally(() => (done = true));
    // Both are redirected (ASK, then TRYAGAIN on a random master, MOVED back, ...) while the slot is split, many
    // more times than ioredis' default of 16 redirections allows; then the move completes.
    await waitFor(async () => done || ((await cluster.errorStats()).TRYAGAIN ?? 0) >= 30, 60_000, 'TRYAGAIN replies');
    await migration.finish();

    const [marked, metricsWrite] = await settled;
    expect(marked).toEqual({ status: 'fulfilled', value: 2 });
    expect(metricsWrite.status).toBe('fulfilled');
    expect(await ledger.counts(date)).toEqual({ queued: 0, sending: 1, sent: 1, failed: 2, unknown: 0, skipped: 0 });
    expect((await ledger.get(date, 'sub-a'))?.providerId).toBe('msg-a');
    expect((await ledger.failed(date)).map((r) => r.subscriberId)).toEqual(['sub-b', 'sub-z']);
    expect(await redis.get(ledger.keys(date).providerPrefix + 'msg-a')).toBe(`${date}|sub-a`);
    const snapshot = await metrics.read();
    expect(snapshot.calls).toEqual([{ transport: 'resend', outcome: 'ok', count: 2 }]);
    expect(snapshot.errors).toEqual([{ transport: 'resend', code: 'invalid_to', count: 1 }]);
  }, 120_000);
});
