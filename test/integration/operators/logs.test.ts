import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followEdition } from '../../../src/pipeline/index.ts';
import { enqueueEdition } from '../../../src/queue/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { addSubscribers, ScriptedTransport, startPipeline, storeSampleDay, testConfig } from './support.ts';

describe('worker logs of an edition', () => {
  let t: TestRedis;
  const lines: string[] = [];
  let date: string;

  beforeAll(async () => {
    t = await openTestRedis('ops-logs');
    const { config, cleanup } = testConfig(t, { SEND_BATCH_SIZE: '2' });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const transport = new ScriptedTransport();
    const pipeline = startPipeline(config, transport, pino({ level: 'info' }, sink));
    try {
      date = await storeSampleDay(pipeline.rt);
      await addSubscribers(pipeline.rt, ['a@example.org', 'b@example.org', 'c@example.org']);
      // A thrown call (send attempt failed) and a failed address (the failure alert) log with the edition bound.
      transport.failing.add('c@example.org');
      transport.throwNext = 1;
      await enqueueEdition(pipeline.rt.queues, date);
      expect((await followEdition(pipeline.rt, date, () => undefined, { intervalMs: 100 })).state).toBe('completed');
    } finally {
      await pipeline.stop();
      cleanup();
    }
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('never repeat the date key on a line, and the edition lines carry it once', () => {
    const messages = (msg: string) => lines.filter((l) => l.includes(`"msg":"${msg}"`));
    for (const msg of [
      'planned deliveries',
      'send attempt failed',
      'edition finished with too many failed deliveries',
    ]) {
      expect(messages(msg).length, msg).toBeGreaterThan(0);
      for (const line of messages(msg)) expect(line.match(/"date":/g), line).toHaveLength(1);
    }
    for (const line of lines) expect(line.match(/"date":/g)?.length ?? 0, line).toBeLessThanOrEqual(1);
  });
});
