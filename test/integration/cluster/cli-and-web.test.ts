import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { createKeyspace } from '../../../src/shared/keyspace.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { connectRedis, type RedisClient } from '../../../src/shared/redis.ts';
import { SubscriberStore } from '../../../src/subscribers/index.ts';
import { buildWebApp } from '../../../src/web/index.ts';
import { runPaperboy } from '../../support/cli-process.ts';
import { skipClusterTests, startTestCluster, type TestCluster } from '../../support/redis-cluster.ts';
import { uniquePrefix } from '../../support/redis.ts';
import { seedEdition } from '../../support/seed-edition.ts';
import { waitFor } from '../../support/worker-process.ts';

const SUBSCRIBERS = 6;
const skip = skipClusterTests();

describe.skipIf(skip)('the paperboy CLI and web service against a Redis Cluster', () => {
  let cluster: TestCluster;
  let redis: RedisClient;
  let outbox: string;
  let date: string;
  const prefix = uniquePrefix('cluster-cli');

  beforeAll(async () => {
    cluster = await startTestCluster(3);
    redis = connectRedis(cluster.url);
    outbox = mkdtempSync(join(tmpdir(), 'paperboy-cluster-outbox-'));
    ({ date } = await seedEdition(redis, createKeyspace(prefix), SUBSCRIBERS));
  }, 120_000);
  afterAll(async () => {
    redis?.disconnect();
    await cluster?.stop();
    if (outbox) rmSync(outbox, { recursive: true, force: true });
  }, 60_000);

  it('runs an edition through one seed node and reports the same status from every node and from the list', async () => {
    const [first, ...others] = cluster.nodes.map((n) => `127.0.0.1:${n.port}`);
    const env = (url: string) => ({ REDIS_URL: url, REDIS_PREFIX: prefix, OUTBOX_DIR: outbox });
    const run = await runPaperboy(['run', '--date', date, '--inline', '--wait'], env(`redis+cluster://${first}`));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const urls = [
      ...cluster.nodes.map((n) => `redis+cluster://127.0.0.1:${n.port}`),
      [first, ...others].map((a) => `redis://${a}`).join(','),
    ];
    const reports = await Promise.all(
      urls.map((url) => runPaperboy(['deliveries', 'status', '--date', date, '--json'], env(url))),
    );
    for (const r of reports) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ date, total: SUBSCRIBERS, sent: SUBSCRIBERS, failed: 0 });
    }
  }, 240_000);

  it('serves subscribe, /readyz, the dashboard and /metrics from the cluster', async () => {
    const config = loadConfig({
      REDIS_URL: cluster.url,
      REDIS_PREFIX: prefix,
      ADMIN_PASSWORD: 'cluster-admin-password',
      LOG_LEVEL: 'silent',
    });
    const web = connectRedis(config.redis.url);
    const app = await buildWebApp({
      config,
      logger: silentLogger(),
      redis: web,
      keyspace: createKeyspace(prefix),
    });
    try {
      const auth = { authorization: `Basic ${Buffer.from('admin:cluster-admin-password').toString('base64')}` };
      const subscribed = await app.inject({
        method: 'POST',
        url: '/subscribe',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=newcomer%40paperboy.test&topics=robotics&perTopic=3',
      });
      expect(subscribed.statusCode).toBe(200);
      const store = new SubscriberStore(redis, createKeyspace(prefix));
      // The answer does not wait for the work (every subscribe answer takes the same time).
      await waitFor(
        async () => (await store.findByEmail('newcomer@paperboy.test'))?.status === 'pending',
        30_000,
        'the new subscriber to be stored',
      );
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
      const admin = await app.inject({ url: '/admin', headers: auth });
      expect(admin.statusCode).toBe(200);
      expect(admin.body).toContain(date);
      const metrics = await app.inject({ url: '/metrics', headers: auth });
      expect(metrics.statusCode).toBe(200);
      expect(metrics.body).toContain(`paperboy_deliveries{date="${date}",status="sent"} ${SUBSCRIBERS}`);
      expect(metrics.body).toContain('paperboy_queue_jobs{queue="edition",state="completed"} 4');
    } finally {
      await app.close();
      web.disconnect();
    }
  }, 120_000);

  it('says to name the cluster, not one node of it (instead of a MOVED stack trace)', async () => {
    const node = `127.0.0.1:${cluster.nodes[1]?.port}`;
    const r = await runPaperboy(['deliveries', 'status', '--date', date], { REDIS_URL: `redis://${node}` });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`REDIS_URL=redis://${node} is one node of a Redis Cluster`);
    expect(r.stderr).toContain(`REDIS_URL=redis+cluster://${node}`);
    expect(r.stderr).not.toMatch(/MOVED|^\s+at /m);
  }, 120_000);

  it('refuses a malformed node with a configuration error naming REDIS_URL and the node', async () => {
    const r = await runPaperboy(['deliveries', 'status', '--date', date], {
      REDIS_URL: `redis://127.0.0.1:${cluster.nodes[0]?.port},redis://127.0.0.1:notaport`,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/REDIS_URL: node 2 of 2 \(redis:\/\/127\.0\.0\.1:notaport\)/);
    expect(r.stderr).not.toMatch(/Invalid URL|^\s+at /m);
  }, 120_000);
});
