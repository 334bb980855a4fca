// `paperboy subscribers erase` after a real send (resend transport, so provider ids exist): afterwards no key of the
// installation, of any type, holds the subscriber's id or address.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../../src/deliveries/index.ts';
import { SubscriberStore } from '../../../src/subscribers/index.ts';
import { runPaperboy } from '../../support/cli-process.ts';
import { startFakeResend, type FakeResend } from '../../support/fake-resend.ts';
import { keysMentioning } from '../../support/redis-dump.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { seedEdition } from '../../support/seed-edition.ts';
import { resendWorkerEnv } from '../../support/worker-process.ts';

const SUBSCRIBERS = 20;
const PERSON = 'Reader3@paperboy.test';

describe('erasing a subscriber after an edition was sent', () => {
  let t: TestRedis;
  let fake: FakeResend;
  let outbox: string;

  beforeAll(async () => {
    t = await openTestRedis('erase-after-send');
    fake = await startFakeResend();
    outbox = await mkdtemp(join(tmpdir(), 'paperboy-erase-'));
  });
  afterAll(async () => {
    await fake?.close();
    await t?.cleanup();
    if (outbox) await rm(outbox, { recursive: true, force: true });
  });

  it('leaves neither the id nor the address in any key', async () => {
    const { date } = await seedEdition(t.redis, t.keyspace, SUBSCRIBERS);
    const env = resendWorkerEnv(t, fake, { SEND_RATE: '50', SEND_BATCH_SIZE: '10', OUTBOX_DIR: outbox });
    const run = await runPaperboy(['run', '--date', date, '--inline', '--wait'], env);
    expect(run.code, run.stderr).toBe(0);
    const person = (await new SubscriberStore(t.redis, t.keyspace).findByEmail(PERSON))!;
    const record = await new DeliveryLedger(t.redis, t.keyspace).get(date, person.id);
    expect(record?.status).toBe('sent');
    expect(fake.messagesTo(PERSON).map((m) => m.id)).toEqual([record?.providerId]);
    // The scan sees them before the erase (so it can see them after).
    expect((await keysMentioning(t.redis, t.keyspace, [person.id, PERSON])).length).toBeGreaterThan(2);

    const erase = await runPaperboy(['subscribers', 'erase', PERSON, '--yes'], env);
    expect(erase.code, erase.stderr).toBe(0);
    expect(erase.stdout).toContain(`erased ${person.id}: subscriber record, 1 delivery record(s)`);

    expect(await keysMentioning(t.redis, t.keyspace, [person.id, PERSON])).toEqual([]);
    // Everyone else's deliveries are untouched.
    expect(await new DeliveryLedger(t.redis, t.keyspace).counts(date)).toMatchObject({ sent: SUBSCRIBERS - 1 });
  }, 120_000);
});
