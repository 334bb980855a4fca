// SEND_RATE across worker processes against a fake Resend that enforces the same limit: the achieved share of
// SEND_RATE, the 429s it answered, and the most requests in any one second. Printed, never asserted: on a busy
// 2-core machine these move with the load (the tests check what must hold whatever the load; see
// test/integration/delivery/rate-limit.test.ts).
import { randomBytes } from 'node:crypto';
import { DeliveryLedger } from '../src/deliveries/index.ts';
import { enqueueEdition, openQueues, stageJobId } from '../src/queue/index.ts';
import { ensureRedis } from '../src/shared/ensure-redis.ts';
import { createKeyspace } from '../src/shared/keyspace.ts';
import { connectRedis } from '../src/shared/redis.ts';
import { startFakeResend } from '../test/support/fake-resend.ts';
import { seedEdition } from '../test/support/seed-edition.ts';
import { SAFE_PRODUCTION_ENV } from '../test/support/production-env.ts';
import { dropKeyspace, repoFile, startProcess, stopProcess } from './support.ts';

const RATE = Number(process.env.BENCH_SEND_RATE ?? 5);
const SUBSCRIBERS = Number(process.env.BENCH_RATE_SUBSCRIBERS ?? 600);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

export default async function bench(): Promise<void> {
  const handle = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `pbbench-rate-${randomBytes(3).toString('hex')}`;
  const ks = createKeyspace(prefix);
  const redis = connectRedis(handle.url);
  // The fake enforces Resend's limit too: any request over RATE in a sliding second comes back 429.
  const fake = await startFakeResend({ rateLimit: RATE });
  const queues = openQueues(redis, ks);
  const workers: Awaited<ReturnType<typeof startProcess>>[] = [];
  try {
    const { date } = await seedEdition(redis, ks, SUBSCRIBERS);
    const env = {
      ...SAFE_PRODUCTION_ENV,
      REDIS_URL: handle.url,
      REDIS_PREFIX: prefix,
      MAIL_TRANSPORT: 'resend',
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      SEND_RATE: String(RATE),
      SEND_BATCH_SIZE: '10',
      SEND_CONCURRENCY: '4',
      LOG_LEVEL: 'warn',
    };
    for (let i = 0; i < WORKERS; i++) workers.push(await startProcess([repoFile('bin/paperboy.js'), 'worker'], env));
    await enqueueEdition(queues, date);
    for (;;) {
      const state = await queues.edition.getJobState(stageJobId(date, 'finish'));
      if (state === 'completed' || state === 'failed') break;
      if (workers.some((w) => w.child.exitCode !== null)) throw new Error('a worker process exited during the run');
      await new Promise((r) => setTimeout(r, 250));
    }
    const counts = await new DeliveryLedger(redis, ks).counts(date);
    const sends = fake.requests.filter((r) => r.path === '/emails/batch');
    const limited = sends.filter((r) => r.status === 429).length;
    const first = sends[0]?.at ?? 0;
    const last = sends.at(-1)?.at ?? 0;
    const achieved = sends.length > 1 ? (sends.length - 1) / ((last - first) / 1000) : 0;
    console.log(
      `${SUBSCRIBERS} subscribers, ${WORKERS} worker processes, SEND_RATE ${RATE}: ${counts.sent} sent, ${counts.failed} failed`,
    );
    console.log(`  provider requests: ${sends.length}, answered 429: ${limited}`);
    console.log(
      `  achieved ${achieved.toFixed(2)} requests/s = ${((achieved / RATE) * 100).toFixed(1)}% of SEND_RATE (over ${((last - first) / 1000).toFixed(1)} s)`,
    );
    console.log(
      `  most requests in any 1 s window: ${fake.maxRequestsInWindow(1000, (r) => r.path === '/emails/batch')} (limit ${RATE})`,
    );
    console.log(`  recipients with more than one email: ${fake.stats().duplicatedRecipients}`);
  } finally {
    await Promise.all(workers.map((w) => stopProcess(w.child)));
    await queues.close();
    await fake.close();
    await dropKeyspace(redis, ks);
    redis.disconnect();
    await handle.stop();
  }
}
