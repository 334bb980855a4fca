import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { loadConfig, type Config } from '../../src/config/index.ts';
import { DeliveryLedger } from '../../src/deliveries/index.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { buildWebApp } from '../../src/web/index.ts';
import type { FakeResend } from './fake-resend.ts';
import type { TestRedis } from './redis.ts';

export const ADMIN_PASSWORD = 'delivery-test-admin-password';
export const LINK_SECRET = 'delivery-test-link-secret-0123456789';

/** The web app on a test's prefix, as an operator or a subscriber reaches it (admin board on, links signed). */
export interface TestWeb {
  app: FastifyInstance;
  config: Config;
  /** The basic-auth header of the admin user. */
  admin: { authorization: string };
  close(): Promise<void>;
}

export async function startTestWeb(t: TestRedis): Promise<TestWeb> {
  const config = loadConfig({
    REDIS_URL: t.url,
    REDIS_PREFIX: t.prefix,
    ADMIN_PASSWORD,
    LINK_SECRETS: LINK_SECRET,
    LOG_LEVEL: 'silent',
  });
  const app = await buildWebApp({ config, logger: silentLogger(), redis: t.redis, keyspace: t.keyspace });
  return {
    app,
    config,
    admin: { authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` },
    close: () => app.close(),
  };
}

/** Every address got exactly one email at the fake provider, and nobody else got any. */
export function expectEachExactlyOnce(fake: FakeResend, emails: readonly string[]): void {
  const stats = fake.stats({ byRecipient: true });
  const twice = Object.entries(stats.byRecipient ?? {}).filter(([, n]) => n !== 1);
  expect(twice, 'recipients who got more than one email').toEqual([]);
  expect(emails.filter((e) => fake.countFor(e) !== 1)).toEqual([]);
  expect(stats.totalMessages).toBe(emails.length);
}

/** The edition's ledger ends complete: every recipient sent, none queued, sending, failed or skipped. */
export async function expectLedgerComplete(t: TestRedis, date: string, recipients: number): Promise<void> {
  const counts = await new DeliveryLedger(t.redis, t.keyspace).counts(date);
  expect(counts).toEqual({ queued: 0, sending: 0, sent: recipients, failed: 0, unknown: 0, skipped: 0 });
}
