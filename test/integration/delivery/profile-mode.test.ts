import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers } from '../../../jobs/workers.ts';
import { readerOrdersKey } from '../../../src/deliveries/index.ts';
import { enqueueEdition } from '../../../src/queue/index.ts';
import { createRuntime } from '../../../src/runtime/index.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { testConfig } from '../operators/support.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { seedEdition } from '../../support/seed-edition.ts';
import { waitForEditionFinish } from '../../support/worker-process.ts';

/** Every digest the outbox holds for the edition. */
function sent(outbox: string, date: string): string[] {
  const folder = join(outbox, date);
  return readdirSync(folder)
    .filter((f) => f.endsWith('.html'))
    .map((f) => readFileSync(join(folder, f), 'utf8'));
}

describe.each([
  ['true', true],
  ['false', false],
] as const)('PERSONAL_DIGESTS=%s', (value, personal) => {
  let t: TestRedis;
  let cleanup: () => void;
  beforeAll(async () => {
    t = await openTestRedis(`profile-mode-${value}`);
  });
  afterAll(async () => {
    cleanup?.();
    await t.cleanup();
  });

  it(personal ? "sends each reader's own digest" : 'sends the profile rendering, without feedback links', async () => {
    const { config, cleanup: done } = testConfig(t, { PERSONAL_DIGESTS: value, MAIL_TRANSPORT: 'outbox' });
    cleanup = done;
    const { date, emails } = await seedEdition(t.redis, t.keyspace, 12, 'paperboy.test', { personal: true });
    const rt = createRuntime(config, silentLogger());
    const workers = startWorkers(rt, { lockDurationMs: 5000 });
    try {
      await enqueueEdition(rt.queues, date);
      await waitForEditionFinish(rt.queues, date, 60_000);
    } finally {
      await workers.close();
      await rt.close();
    }
    const digests = sent(config.mail.outboxDir, date);
    expect(digests).toHaveLength(emails.length);
    const withFeedback = digests.filter((html) => html.includes('>More like this</a>'));
    const withForYou = digests.filter((html) => html.includes('>For you</h2>'));
    if (personal) {
      expect(withFeedback).toHaveLength(emails.length);
      expect(withForYou.length).toBeGreaterThan(0);
      expect(await t.redis.hlen(readerOrdersKey(t.keyspace, date))).toBe(emails.length);
    } else {
      expect(withFeedback).toEqual([]);
      expect(withForYou).toEqual([]);
      expect(await t.redis.exists(readerOrdersKey(t.keyspace, date))).toBe(0);
    }
  });
});
