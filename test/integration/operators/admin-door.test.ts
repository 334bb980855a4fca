import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues, type Queues } from '../../../src/queue/index.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { buildWebApp } from '../../../src/web/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { testConfig } from './support.ts';

const PASSWORD = 'a-long-operator-password';
const basic = (password: string) => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

describe('the admin door', () => {
  let t: TestRedis;
  let app: FastifyInstance;
  let queues: Queues;
  let cleanupConfig: () => void;
  let clock = new Date('2026-11-24T08:00:00Z');

  beforeAll(async () => {
    t = await openTestRedis('ops-admin-door');
    const { config, cleanup } = testConfig(t, { ADMIN_PASSWORD: PASSWORD, PUBLIC_BASE_URL: 'https://paperboy.test' });
    cleanupConfig = cleanup;
    app = await buildWebApp({
      config,
      logger: silentLogger(),
      redis: t.redis,
      keyspace: t.keyspace,
      now: () => clock,
    });
    queues = openQueues(t.redis, t.keyspace);
  });

  afterAll(async () => {
    await queues?.close();
    await app?.close();
    await t?.cleanup();
    cleanupConfig?.();
  });

  const login = (ip: string, password: string) =>
    app.inject({ url: '/admin', remoteAddress: ip, headers: { authorization: basic(password) } });

  it('slows 100 wrong passwords from one address and then refuses them, while another address logs in', async () => {
    const attacker = '203.0.113.5';
    const waits: number[] = [];
    let checked = 0;
    for (let i = 0; i < 100; i += 1) {
      const res = await login(attacker, `guess-${i}`);
      if (res.statusCode === 401) checked += 1;
      else {
        expect(res.statusCode).toBe(429);
        const wait = Number(res.headers['retry-after']);
        waits.push(wait);
        // A patient attacker waits exactly as long as told, then guesses again.
        clock = new Date(clock.getTime() + wait * 1000);
      }
      // The operator, elsewhere, is never locked out.
      if (i % 10 === 0) expect((await login('192.0.2.10', PASSWORD)).statusCode, `operator at ${i}`).toBe(200);
    }
    // Five free tries, then each failure doubles the wait (1 s, 2 s, 4 s, ...) up to an hour.
    expect(waits.slice(0, 5)).toEqual([1, 2, 4, 8, 16]);
    for (let i = 1; i < waits.length; i += 1) expect(waits[i]!).toBeGreaterThanOrEqual(waits[i - 1]!);
    expect(waits.at(-1)).toBe(3600);
    // Half of the 100 tries were refused unchecked; the checked ones took the attacker well over a day.
    expect(checked).toBeLessThanOrEqual(55);
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThan(24 * 3600);

    // Once locked, even the right password is refused from there (a guess cannot be confirmed).
    expect((await login(attacker, PASSWORD)).statusCode).toBe(429);
    expect((await login('192.0.2.10', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a burst at once after the free tries, and counts an IPv6 /64 as one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await login(`2001:db8:1:2::${i + 1}`, `guess-${i}`)).statusCode);
    expect(statuses).toEqual([...Array<number>(6).fill(401), ...Array<number>(14).fill(429)]);
    expect((await login('2001:db8:1:3::1', PASSWORD)).statusCode).toBe(200);
  });

  it('forgets the failures of an address once it logs in', async () => {
    const ip = '198.51.100.77';
    for (let i = 0; i < 4; i += 1) expect((await login(ip, 'typo')).statusCode).toBe(401);
    expect((await login(ip, PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 5; i += 1) expect((await login(ip, 'typo')).statusCode).toBe(401);
  });

  describe('a cross-site form post to the board adds no job', () => {
    const url = '/admin/queues/api/queues/edition/add';
    const auth = { authorization: basic(PASSWORD) };
    const ip = '192.0.2.20';
    const jobs = async () => (await queues.edition.getJobs()).length;

    it.each([
      ['form-urlencoded', 'application/x-www-form-urlencoded', 'name=scheduled'],
      ['text/plain', 'text/plain', '{"name":"scheduled","data":{"x":"=1"}}'],
      [
        'multipart',
        'multipart/form-data; boundary=b',
        '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nscheduled\r\n--b--\r\n',
      ],
    ])('refuses %s from another site (403), with the login the browser cached', async (_kind, type, payload) => {
      for (const site of [
        { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
        { 'sec-fetch-site': 'same-site', origin: 'https://evil.paperboy.test' },
        { origin: 'https://evil.example' }, // an older browser: Origin only
        { origin: 'null' }, // a sandboxed frame or a data: page
      ]) {
        const res = await app.inject({
          method: 'POST',
          url,
          remoteAddress: ip,
          headers: { ...auth, ...site, 'content-type': type },
          payload,
        });
        expect(res.statusCode, JSON.stringify(site)).toBe(403);
      }
      expect(await jobs()).toBe(0);
    });

    it('does not even parse a form body there (415), whoever sends it', async () => {
      for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
        const res = await app.inject({
          method: 'POST',
          url,
          remoteAddress: ip,
          headers: { ...auth, 'content-type': type },
          payload: 'name=scheduled',
        });
        expect(res.statusCode, type).toBe(415);
      }
      expect(await jobs()).toBe(0);
    });

    it("accepts the board's own JSON request from its own page", async () => {
      const res = await app.inject({
        method: 'POST',
        url,
        remoteAddress: ip,
        headers: { ...auth, 'sec-fetch-site': 'same-origin', origin: 'https://paperboy.test' },
        payload: { name: 'operator-added', data: {} },
      });
      expect(res.statusCode).toBe(200);
      const added = await queues.edition.getJobs();
      expect(added.map((j) => j.name)).toEqual(['operator-added']);
      await Promise.all(added.map((j) => j.remove()));
    });
  });
});
