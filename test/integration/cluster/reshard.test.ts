import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../../src/deliveries/index.ts';
import { enqueueEdition, openQueues, type Queues } from '../../../src/queue/index.ts';
import { createKeyspace } from '../../../src/shared/keyspace.ts';
import { connectRedis, masterNodes, type RedisClient } from '../../../src/shared/redis.ts';
import { startFakeResend, type FakeResend } from '../../support/fake-resend.ts';
import { skipClusterTests, startTestCluster, type TestCluster } from '../../support/redis-cluster.ts';
import { uniquePrefix } from '../../support/redis.ts';
import { seedEdition } from '../../support/seed-edition.ts';
import {
  resendWorkerEnv,
  spawnWorker,
  waitFor,
  waitForEditionFinish,
  type WorkerProcess,
} from '../../support/worker-process.ts';

const SUBSCRIBERS = 1200;
const skip = skipClusterTests();

describe.skipIf(skip)('exactly once on a Redis Cluster while the slot is resharded', () => {
  let cluster: TestCluster;
  let fake: FakeResend;
  let redis: RedisClient;
  let queues: Queues | undefined;
  const workers: WorkerProcess[] = [];
  const prefix = uniquePrefix('cluster');
  const keyspace = createKeyspace(prefix);

  beforeAll(async () => {
    cluster = await startTestCluster(3);
    fake = await startFakeResend({ latencyMs: [10, 40] });
    redis = connectRedis(cluster.url);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await queues?.close();
    redis?.disconnect();
    await fake?.close();
    await cluster?.stop();
  }, 60_000);

  it('moves the installation slot to another master mid-send and every subscriber still gets one message', async () => {
    const { date, emails } = await seedEdition(redis, keyspace, SUBSCRIBERS);
    const env = resendWorkerEnv({ url: cluster.url, prefix }, fake, {
      SEND_RATE: '10',
      SEND_BATCH_SIZE: '10',
      SEND_CONCURRENCY: '3',
      WORKER_LOCK_MS: '5000',
    });
    const ledger = new DeliveryLedger(redis, keyspace);
    queues = openQueues(redis, keyspace);
    workers.push(spawnWorker(env), spawnWorker(env));
    await enqueueEdition(queues, date);

    // The whole installation lives in the slot of `{prefix}`: move it while the batches are going out.
    const slot = (await cluster.nodes[0]?.admin.cluster('KEYSLOT', keyspace.bullPrefix)) as number;
    const from = await cluster.ownerOf(slot);
    const to = cluster.nodes.find((n) => n !== from);
    if (!to) throw new Error('the test cluster has one master');
    await waitFor(async () => (await ledger.counts(date)).sent >= SUBSCRIBERS / 4, 120_000, 'a quarter sent');
    const sentBefore = (await ledger.counts(date)).sent;
    const t0 = Date.now();
    await cluster.resetStats();
    const moved = await cluster.migrateSlot(slot, to, { batch: 10, pauseMs: 10 });
    const sentAfterReshard = (await ledger.counts(date)).sent;
    const migrationMs = Date.now() - t0;
    expect((await cluster.ownerOf(slot)).id).toBe(to.id);

    await waitForEditionFinish(queues, date, 180_000);
    const redirections = await cluster.errorStats();
    const counts = await ledger.counts(date);
    const stats = fake.stats({ byRecipient: true });
    console.info(
      `cluster reshard: slot ${slot} moved ${from.port} -> ${to.port} (${moved.keys} keys in ${moved.batches} batches) ` +
        `in ${migrationMs} ms, ${sentBefore} -> ${sentAfterReshard} of ${SUBSCRIBERS} sent; redirections ${JSON.stringify(redirections)}; ` +
        `provider ${stats.totalRequests} requests (${stats.replayedRequests} replayed), ${stats.totalMessages} messages`,
    );

    // The reshard happened under traffic: clients were redirected, and sending was not over yet.
    expect((redirections.MOVED ?? 0) + (redirections.ASK ?? 0)).toBeGreaterThan(0);
    expect(sentAfterReshard).toBeLessThan(SUBSCRIBERS);
    // Exactly once: every address one message at the provider, the ledger all sent.
    expect(counts).toEqual({ queued: 0, sending: 0, sent: SUBSCRIBERS, failed: 0, unknown: 0, skipped: 0 });
    expect(stats.totalMessages).toBe(SUBSCRIBERS);
    expect(stats.duplicatedRecipients).toBe(0);
    for (const email of emails) expect(fake.countFor(email)).toBe(1);
    // Every key the run wrote sits in the installation's slot, now on the new master.
    let total = 0;
    for (const node of await masterNodes(redis)) total += await node.dbsize();
    expect(total).toBe(await to.admin.cluster('COUNTKEYSINSLOT', slot));
    expect(total).toBeGreaterThan(SUBSCRIBERS);
  }, 300_000);
});
