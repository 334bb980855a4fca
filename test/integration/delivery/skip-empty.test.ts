// SKIP_EMPTY_DIGEST through `paperboy run --inline`: a subscriber whose topics have no papers that day is recorded
// skipped with the reason and gets no email; with SKIP_EMPTY_DIGEST=false they get one.
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../../src/deliveries/index.ts';
import { loadSampleDay, saveDay } from '../../../src/papers/index.ts';
import { SubscriberStore } from '../../../src/subscribers/index.ts';
import { classifyPaper } from '../../../src/themes/index.ts';
import { runPaperboy } from '../../support/cli-process.ts';
import { startFakeResend, type FakeResend } from '../../support/fake-resend.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { resendWorkerEnv } from '../../support/worker-process.ts';

const EMPTY = 'visual-rl-only@paperboy.test';
const FULL = 'robotics-only@paperboy.test';

/** The bundled sample day without any paper that touches visual RL. */
async function storeDayWithoutVisualRl(t: TestRedis): Promise<string> {
  const day = loadSampleDay();
  const papers = day.papers.filter((p) => {
    const c = classifyPaper(p);
    return c.theme !== 'visual-rl' && !c.secondary.includes('visual-rl');
  });
  await saveDay(t.redis, t.keyspace, { ...day, papers });
  return day.date;
}

describe('SKIP_EMPTY_DIGEST', () => {
  let t: TestRedis | undefined;
  let fake: FakeResend | undefined;
  afterEach(async () => {
    await fake?.close();
    await t?.cleanup();
  });

  /** Runs the edition with SKIP_EMPTY_DIGEST=`skip` for one subscriber with nothing that day and one with papers. */
  async function runWith(skip: 'true' | 'false') {
    t = await openTestRedis(`skip-empty-${skip}`);
    fake = await startFakeResend();
    const date = await storeDayWithoutVisualRl(t);
    const store = new SubscriberStore(t.redis, t.keyspace);
    const only = (topic: string) => ({ topics: [topic], perTopic: 5, alsoTrending: false });
    const empty = (await store.add(EMPTY, only('visual-rl'), { confirmed: true })).subscriber;
    await store.add(FULL, only('robotics'), { confirmed: true });

    const env = resendWorkerEnv(t, fake, { SEND_RATE: '50', SKIP_EMPTY_DIGEST: skip });
    const run = await runPaperboy(['run', '--date', date, '--inline', '--wait'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(fake.countFor(FULL)).toBe(1);
    return { date, fake, record: await new DeliveryLedger(t.redis, t.keyspace).get(date, empty.id) };
  }

  it('true: the empty digest is recorded skipped with the reason and sent to no one', async () => {
    const { date, fake, record } = await runWith('true');
    expect(fake.countFor(EMPTY)).toBe(0);
    expect(record).toMatchObject({
      status: 'skipped',
      skipReason: `no papers in the chosen topics (visual-rl) on ${date} and "Also trending" is off`,
    });
  }, 120_000);

  it('false: the empty digest is sent too', async () => {
    const { fake, record } = await runWith('false');
    expect(fake.countFor(EMPTY)).toBe(1);
    expect(record?.status).toBe('sent');
  }, 120_000);
});
