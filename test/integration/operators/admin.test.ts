import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueEdition } from '../../../src/queue/index.ts';
import { followEdition } from '../../../src/pipeline/index.ts';
import { pino } from 'pino';
import { buildWebApp } from '../../../src/web/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { addSubscribers, ScriptedTransport, startPipeline, storeSampleDay, testConfig } from './support.ts';

const PASSWORD = 'correct horse battery';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('the admin dashboard', () => {
  let t: TestRedis;
  let app: FastifyInstance;
  let pipeline: ReturnType<typeof startPipeline>;
  let cleanupConfig: () => void;
  let date: string;
  const transport = new ScriptedTransport();

  beforeAll(async () => {
    t = await openTestRedis('ops-admin');
    const { config, cleanup } = testConfig(t, { ADMIN_PASSWORD: PASSWORD });
    cleanupConfig = cleanup;
    pipeline = startPipeline(config, transport);
    date = await storeSampleDay(pipeline.rt);
    await addSubscribers(pipeline.rt, ['one@example.org', 'two@example.org']);
    transport.failing.add('two@example.org');
    await enqueueEdition(pipeline.rt.queues, date);
    await followEdition(pipeline.rt, date, () => undefined, { intervalMs: 100 });
    app = await buildWebApp({
      config,
      logger: pino({ level: 'silent' }),
      redis: t.redis,
      keyspace: t.keyspace,
    });
  });

  afterAll(async () => {
    await app?.close();
    await pipeline?.stop();
    await t?.cleanup();
    cleanupConfig?.();
  });

  it('answers 401 with a challenge without credentials, and with wrong ones', async () => {
    for (const url of ['/admin/queues', '/admin/queues/api/queues', '/admin']) {
      const none = await app.inject({ url });
      expect(none.statusCode, url).toBe(401);
      expect(none.headers['www-authenticate']).toMatch(/^Basic realm="Paperboy admin"/);
    }
    const wrongPassword = await app.inject({
      url: '/admin/queues',
      headers: { authorization: basic('admin', 'nope') },
    });
    expect(wrongPassword.statusCode).toBe(401);
    const wrongUser = await app.inject({ url: '/admin/queues', headers: { authorization: basic('root', PASSWORD) } });
    expect(wrongUser.statusCode).toBe(401);
  });

  it('serves Bull Board with every queue to the admin', async () => {
    const headers = { authorization: basic('admin', PASSWORD) };
    const page = await app.inject({ url: '/admin/queues', headers });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<base href="/admin/queues/"');
    // The board's own scripts may run there (the public pages allow none).
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const api = await app.inject({ url: '/admin/queues/api/queues', headers });
    expect(api.statusCode).toBe(200);
    const names = api
      .json<{ queues: { name: string }[] }>()
      .queues.map((q) => q.name)
      .sort();
    expect(names).toEqual(['edition', 'send', 'transactional']);
  });

  it('lists recent editions with their delivery counts at /admin', async () => {
    const res = await app.inject({ url: '/admin', headers: { authorization: basic('admin', PASSWORD) } });
    expect(res.statusCode).toBe(200);
    const cell = (name: string) => new RegExp(`<td class="${name}">(?:<a href="([^"]*)">)?([^<]*)`).exec(res.body);
    expect(cell('date')?.slice(1)).toEqual([`/admin/queues/queue/edition/${date}-finish`, date]);
    expect(Number(cell('papers')?.[2])).toBeGreaterThan(0);
    expect(cell('state')?.[2]).toBe('completed');
    expect(cell('sent')?.[2]).toBe('1');
    expect(cell('failed')?.slice(1)).toEqual(['/admin/queues/queue/send?status=failed', '1']);
    expect(cell('pending')?.[2]).toBe('0');
    expect(cell('skipped')?.[2]).toBe('0');
  });
});

describe('without ADMIN_PASSWORD', () => {
  let t: TestRedis;
  let app: FastifyInstance;
  let cleanupConfig: () => void;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await openTestRedis('ops-admin-off');
    const { config, cleanup } = testConfig(t);
    cleanupConfig = cleanup;
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    app = await buildWebApp({
      config,
      logger,
      redis: t.redis,
      keyspace: t.keyspace,
    });
  });

  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
    cleanupConfig?.();
  });

  it('does not mount the dashboard, and the log says why', async () => {
    expect((await app.inject({ url: '/admin/queues' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/admin' })).statusCode).toBe(404);
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages.some((m) => m.includes('ADMIN_PASSWORD is not set') && m.includes('/admin/queues'))).toBe(true);
  });
});
