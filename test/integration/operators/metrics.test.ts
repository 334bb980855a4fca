import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followEdition } from '../../../src/pipeline/index.ts';
import { enqueueEdition } from '../../../src/queue/index.ts';
import { buildWebApp } from '../../../src/web/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { addSubscribers, ScriptedTransport, startPipeline, storeSampleDay, testConfig } from './support.ts';

interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const SAMPLE_LINE = new RegExp(`^(${NAME})(\\{(?:${LABEL}(?:,${LABEL})*)?\\})? (\\S+)$`);
const VALUE = /^(?:[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)|[+-]?Inf|NaN)$/;

/** A strict reading of the Prometheus text exposition format (0.0.4): throws on any line that does not fit. */
function parseExposition(text: string): { types: Map<string, string>; samples: ParsedSample[] } {
  const types = new Map<string, string>();
  const samples: ParsedSample[] = [];
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = new RegExp(`^# (HELP|TYPE) (${NAME}) (.*)$`).exec(line);
      if (!m) throw new Error(`bad comment line: ${line}`);
      if (m[1] === 'TYPE') {
        if (!/^(counter|gauge|histogram|summary|untyped)$/.test(m[3]!)) throw new Error(`bad type: ${line}`);
        if (types.has(m[2]!)) throw new Error(`type declared twice: ${line}`);
        types.set(m[2]!, m[3]!);
      }
      continue;
    }
    const m = SAMPLE_LINE.exec(line);
    if (!m || !VALUE.test(m[3]!)) throw new Error(`bad sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    const family = m[1]!.replace(/_(bucket|sum|count)$/, '');
    if (!types.has(m[1]!) && !(types.get(family) === 'histogram')) throw new Error(`sample without a TYPE: ${line}`);
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return { types, samples };
}

describe('GET /metrics', () => {
  let t: TestRedis;
  let app: FastifyInstance;
  let pipeline: ReturnType<typeof startPipeline>;
  let cleanupConfig: () => void;
  let date: string;
  let startedAt: number;
  const transport = new ScriptedTransport();
  const auth = { authorization: `Basic ${Buffer.from('admin:metrics-password').toString('base64')}` };

  beforeAll(async () => {
    t = await openTestRedis('ops-metrics');
    const { config, cleanup } = testConfig(t, { ADMIN_PASSWORD: 'metrics-password', SEND_BATCH_SIZE: '2' });
    cleanupConfig = cleanup;
    pipeline = startPipeline(config, transport);
    date = await storeSampleDay(pipeline.rt);
    await addSubscribers(pipeline.rt, ['a@example.org', 'b@example.org', 'c@example.org']);
    transport.failing.add('c@example.org');
    // The first provider call throws (a retried batch), so latency and an error by name are both recorded.
    transport.throwNext = 1;
    startedAt = Date.now();
    await enqueueEdition(pipeline.rt.queues, date);
    const outcome = await followEdition(pipeline.rt, date, () => undefined, { intervalMs: 100 });
    expect(outcome.state).toBe('completed');
    app = await buildWebApp({
      config,
      logger: pino({ level: 'silent' }),
      redis: t.redis,
      keyspace: t.keyspace,
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await pipeline?.stop();
    await t?.cleanup();
    cleanupConfig?.();
  });

  it('needs the admin login when ADMIN_PASSWORD is set', async () => {
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(401);
  });

  it('parses as Prometheus text and reports queues, deliveries, editions and the provider', async () => {
    const res = await app.inject({ url: '/metrics', headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types, samples } = parseExposition(res.body);
    expect(Object.fromEntries(types)).toMatchObject({
      paperboy_queue_jobs: 'gauge',
      paperboy_queue_paused: 'gauge',
      paperboy_deliveries: 'gauge',
      paperboy_editions_built: 'gauge',
      paperboy_edition_papers: 'gauge',
      paperboy_provider_calls_total: 'counter',
      paperboy_provider_messages_total: 'counter',
      paperboy_provider_errors_total: 'counter',
      paperboy_provider_call_duration_seconds: 'histogram',
      paperboy_provider_message_attempts_total: 'counter',
      paperboy_queue_workers: 'gauge',
      paperboy_subscribers: 'gauge',
      paperboy_last_edition_finished_timestamp_seconds: 'gauge',
      paperboy_last_edition_deliveries: 'gauge',
    });
    const one = (name: string, labels: Record<string, string>) => {
      const found = samples.filter(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      );
      expect(found, `${name} ${JSON.stringify(labels)}`).toHaveLength(1);
      return found[0]!.value;
    };
    const ledger = await pipeline.rt.ledger.counts(date);
    expect(one('paperboy_deliveries', { date, status: 'sent' })).toBe(ledger.sent);
    expect(one('paperboy_deliveries', { date, status: 'failed' })).toBe(1);
    expect(one('paperboy_editions_built', {})).toBe(1);
    expect(one('paperboy_edition_papers', { date })).toBeGreaterThan(0);
    expect(one('paperboy_queue_jobs', { queue: 'edition', state: 'completed' })).toBe(4);
    expect(one('paperboy_queue_jobs', { queue: 'send', state: 'failed' })).toBe(0);
    expect(one('paperboy_queue_paused', { queue: 'send' })).toBe(0);

    // The last finished edition, as its finish step counted it.
    expect(one('paperboy_last_edition_deliveries', { date, status: 'sent' })).toBe(2);
    expect(one('paperboy_last_edition_deliveries', { date, status: 'failed' })).toBe(1);
    expect(one('paperboy_last_edition_deliveries', { date, status: 'unknown' })).toBe(0);
    expect(one('paperboy_last_edition_deliveries', { date, status: 'skipped' })).toBe(0);
    const finishedAt = one('paperboy_last_edition_finished_timestamp_seconds', { date });
    expect(finishedAt).toBeGreaterThan(startedAt / 1000);
    expect(finishedAt).toBeLessThanOrEqual(Date.now() / 1000);
    expect(one('paperboy_subscribers', { status: 'active' })).toBe(3);
    for (const queue of ['edition', 'send', 'transactional'])
      expect(one('paperboy_queue_workers', { queue })).toBeGreaterThanOrEqual(1);

    // Messages are counted once when accepted; attempts count every hand-over (the thrown batch too).
    expect(one('paperboy_provider_messages_total', { transport: 'scripted' })).toBe(transport.accepted.length);
    expect(transport.accepted.length).toBe(2);
    expect(one('paperboy_provider_message_attempts_total', { transport: 'scripted' })).toBe(transport.handed);
    expect(transport.handed).toBeGreaterThan(3);

    const calls = transport.calls;
    expect(one('paperboy_provider_calls_total', { transport: 'scripted', outcome: 'error' })).toBe(1);
    expect(one('paperboy_provider_calls_total', { transport: 'scripted', outcome: 'ok' })).toBe(calls - 1);
    expect(one('paperboy_provider_errors_total', { transport: 'scripted', code: 'provider_unavailable' })).toBe(1);
    expect(one('paperboy_provider_errors_total', { transport: 'scripted', code: 'invalid_to' })).toBe(1);
    const h = 'paperboy_provider_call_duration_seconds';
    expect(one(`${h}_count`, { transport: 'scripted' })).toBe(calls);
    expect(one(`${h}_bucket`, { transport: 'scripted', le: '+Inf' })).toBe(calls);
    const buckets = samples.filter((s) => s.name === `${h}_bucket`).map((s) => s.value);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(one(`${h}_sum`, { transport: 'scripted' })).toBeGreaterThanOrEqual(0);
  });

  it('exports every metric the example Prometheus rules use', async () => {
    const { types } = parseExposition((await app.inject({ url: '/metrics', headers: auth })).body);
    const rules = readFileSync(new URL('../../../deploy/prometheus/paperboy-rules.yml', import.meta.url), 'utf8');
    const used = new Set([...rules.matchAll(/\b(paperboy_[a-z_]+)\b/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThanOrEqual(5);
    for (const name of used) expect(types.has(name), name).toBe(true);
  });
});
