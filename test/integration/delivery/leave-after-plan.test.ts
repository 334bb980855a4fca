// A subscriber who leaves after the edition was planned (one-click unsubscribe while the batches wait) is skipped
// when their batch is sent: no email, and the ledger says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../../src/deliveries/index.ts';
import { enqueueEdition, openQueues, type Queues } from '../../../src/queue/index.ts';
import { SubscriberStore, createLinkBuilder } from '../../../src/subscribers/index.ts';
import { expectEachExactlyOnce, startTestWeb, type TestWeb } from '../../support/delivery.ts';
import { startFakeResend, type FakeResend } from '../../support/fake-resend.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { seedEdition } from '../../support/seed-edition.ts';
import {
  resendWorkerEnv,
  spawnWorker,
  waitFor,
  waitForEditionFinish,
  type WorkerProcess,
} from '../../support/worker-process.ts';

const SUBSCRIBERS = 20; // 10 preference profiles of 2
const LEAVER = 'reader7@paperboy.test';

describe('leaving after planning', () => {
  let t: TestRedis;
  let fake: FakeResend;
  let queues: Queues;
  let web: TestWeb;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    t = await openTestRedis('leave-after-plan');
    fake = await startFakeResend();
    queues = openQueues(t.redis, t.keyspace);
    web = await startTestWeb(t);
  });
  afterAll(async () => {
    await worker?.kill();
    await web?.close();
    await queues?.close();
    await fake?.close();
    await t?.cleanup();
  });

  it('skips a subscriber who unsubscribed between planning and sending', async () => {
    const { date, emails } = await seedEdition(t.redis, t.keyspace, SUBSCRIBERS);
    const ledger = new DeliveryLedger(t.redis, t.keyspace);
    const leaver = (await new SubscriberStore(t.redis, t.keyspace).findByEmail(LEAVER))!;
    // The operator pauses sending from the board, so the edition is planned but nothing is sent yet.
    const pause = await web.app.inject({
      method: 'PUT',
      url: '/admin/queues/api/queues/send/pause',
      headers: web.admin,
    });
    expect(pause.statusCode).toBe(200);
    worker = spawnWorker(resendWorkerEnv(t, fake, { SEND_RATE: '50', SEND_BATCH_SIZE: '10' }));
    await enqueueEdition(queues, date);
    // Planned: every recipient queued in the ledger and every batch waiting in the paused send queue.
    await waitFor(
      async () => (await ledger.counts(date)).queued === SUBSCRIBERS && (await queues.send.count()) === 10,
      60_000,
      'the edition to be planned',
    );
    expect((await ledger.get(date, leaver.id))?.status).toBe('queued');

    const unsubscribe = new URL(createLinkBuilder(web.config).unsubscribeUrl(leaver.id));
    const left = await web.app.inject({
      method: 'POST',
      url: unsubscribe.pathname + unsubscribe.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(left.statusCode).toBe(200);
    const resume = await web.app.inject({
      method: 'PUT',
      url: '/admin/queues/api/queues/send/resume',
      headers: web.admin,
    });
    expect(resume.statusCode).toBe(200);
    await waitForEditionFinish(queues, date, 90_000);

    expect(fake.countFor(LEAVER)).toBe(0);
    expectEachExactlyOnce(
      fake,
      emails.filter((e) => e !== LEAVER),
    );
    expect(await ledger.get(date, leaver.id)).toMatchObject({
      status: 'skipped',
      skipReason: 'no longer subscribed when the batch was sent',
    });
    expect(await ledger.counts(date)).toEqual({
      queued: 0,
      sending: 0,
      sent: SUBSCRIBERS - 1,
      failed: 0,
      unknown: 0,
      skipped: 1,
    });
  }, 120_000);
});
