import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followEdition, retryFailed } from '../../../src/pipeline/index.ts';
import { enqueueEdition } from '../../../src/queue/index.ts';
import { buildWebApp } from '../../../src/web/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { addSubscribers, ScriptedTransport, startPipeline, storeSampleDay, testConfig, waitFor } from './support.ts';

/** The value of the one sample `name{labels}` in a Prometheus text body (undefined when absent). */
function sample(body: string, name: string, labels: Record<string, string>): number | undefined {
  const lines = body.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  const found = lines.filter((l) => Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  expect(found.length, `${name} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return found[0] === undefined ? undefined : Number(found[0].split(' ').at(-1));
}

describe('/metrics after a failed batch and a retry', () => {
  let t: TestRedis;
  let app: FastifyInstance;
  let pipeline: ReturnType<typeof startPipeline>;
  let cleanupConfig: () => void;
  let date: string;
  const transport = new ScriptedTransport();
  const metrics = async () => (await app.inject({ url: '/metrics' })).body;

  beforeAll(async () => {
    t = await openTestRedis('ops-metrics-retry');
    const { config, cleanup } = testConfig(t, { SEND_BATCH_SIZE: '2' });
    cleanupConfig = cleanup;
    pipeline = startPipeline(config, transport);
    date = await storeSampleDay(pipeline.rt);
    app = await buildWebApp({ config, logger: pino({ level: 'silent' }), redis: t.redis, keyspace: t.keyspace });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await pipeline?.stop();
    await t?.cleanup();
    cleanupConfig?.();
  });

  it('exports no last edition before the first one finishes', async () => {
    const body = await metrics();
    expect(body).toContain('# TYPE paperboy_last_edition_finished_timestamp_seconds gauge');
    expect(sample(body, 'paperboy_last_edition_finished_timestamp_seconds', {})).toBeUndefined();
  });

  it('shows the failed batch, then clears it once the retry went out', async () => {
    await addSubscribers(pipeline.rt, ['x@example.org', 'y@example.org']);
    // The only batch is refused outright: its job fails at once and both deliveries fail.
    transport.refuseNext = 1;
    await enqueueEdition(pipeline.rt.queues, date);
    expect((await followEdition(pipeline.rt, date, () => undefined, { intervalMs: 100 })).state).toBe('completed');

    let body = await metrics();
    expect(sample(body, 'paperboy_last_edition_deliveries', { date, status: 'failed' })).toBe(2);
    expect(sample(body, 'paperboy_last_edition_deliveries', { date, status: 'sent' })).toBe(0);
    expect(sample(body, 'paperboy_queue_jobs', { queue: 'send', state: 'failed' })).toBe(1);
    expect(sample(body, 'paperboy_provider_messages_total', { transport: 'scripted' })).toBe(0);
    expect(sample(body, 'paperboy_provider_message_attempts_total', { transport: 'scripted' })).toBe(2);

    await retryFailed(pipeline.rt, date);
    await waitFor(async () => (await pipeline.rt.ledger.counts(date)).sent === 2, 'the retry to go out');
    await waitFor(
      async () => (await pipeline.rt.queues.send.getJobCounts('active', 'wait')).active === 0,
      'the retry job to end',
    );
    body = await metrics();
    expect(sample(body, 'paperboy_queue_jobs', { queue: 'send', state: 'failed' })).toBe(0);
    expect(sample(body, 'paperboy_deliveries', { date, status: 'sent' })).toBe(2);
    expect(sample(body, 'paperboy_deliveries', { date, status: 'failed' })).toBe(0);
    expect(sample(body, 'paperboy_provider_messages_total', { transport: 'scripted' })).toBe(2);
    expect(sample(body, 'paperboy_provider_message_attempts_total', { transport: 'scripted' })).toBe(4);
  });
});
