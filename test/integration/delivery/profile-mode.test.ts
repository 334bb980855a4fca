import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerOrdersKey } from '../../../src/deliveries/index.ts';
import { testConfig } from '../operators/support.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { seedEdition } from '../../support/seed-edition.ts';
import { sendEditionInProcess } from '../../support/in-process.ts';

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
    await sendEditionInProcess(config, date);
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
