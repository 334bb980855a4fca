// The real pipeline for 100,000 subscribers with random preferences, against a local server that speaks Resend's
// batch API with no rate limit: emails/s end to end, peak worker RSS, Redis memory. Then the naive way (render per
// recipient, one API call per email) on a slice of the same subscribers, and the ratio.
import { randomBytes } from 'node:crypto';
import { Resend } from 'resend';
import { loadConfig } from '../src/config/index.ts';
import { DeliveryLedger } from '../src/deliveries/index.ts';
import { composeDigest } from '../src/digest/index.ts';
import { buildStoredEdition, freezeEdition } from '../src/editions/index.ts';
import { buildListHeaders } from '../src/mail/index.ts';
import { loadSampleDay, saveDay } from '../src/papers/index.ts';
import { enqueueEdition, openQueues, stageJobId } from '../src/queue/index.ts';
import { personalise, renderDigest } from '../src/render/index.ts';
import { ensureRedis } from '../src/shared/ensure-redis.ts';
import { createKeyspace } from '../src/shared/keyspace.ts';
import { connectRedis } from '../src/shared/redis.ts';
import { createLinkBuilder, SubscriberStore } from '../src/subscribers/index.ts';
import { SAFE_PRODUCTION_ENV } from '../test/support/production-env.ts';
import {
  benchPreferences,
  dropKeyspace,
  peakRssMb,
  redisUsedMb,
  repoFile,
  startProcess,
  stopProcess,
} from './support.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const NAIVE_SLICE = Number(process.env.BENCH_NAIVE_SLICE ?? 300);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
/**
 * Node arguments of the worker processes: the production worker command (`npm run worker`, the Dockerfile and
 * docker-compose.yml all start it with a small V8 young generation), plus any extra such as `--cpu-prof`.
 */
const nodeArgs = ['--max-semi-space-size=1', ...(process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean)];

export default async function bench(): Promise<void> {
  const handle = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `pbbench-${randomBytes(3).toString('hex')}`;
  const ks = createKeyspace(prefix);
  const redis = connectRedis(handle.url);
  const fake = await startProcess(
    ['--import', 'tsx', repoFile('bench/fake-resend-lean.ts'), '--port', '0'],
    {},
    /"listening"/,
  );
  const fakeUrl = (JSON.parse(fake.firstLine) as { url: string }).url;
  const env = {
    ...SAFE_PRODUCTION_ENV,
    REDIS_URL: handle.url,
    REDIS_PREFIX: prefix,
    MAIL_TRANSPORT: 'resend',
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: fakeUrl,
    SEND_RATE: '1000',
    ...(process.env.BENCH_SEND_CONCURRENCY ? { SEND_CONCURRENCY: process.env.BENCH_SEND_CONCURRENCY } : {}),
    LOG_LEVEL: 'warn',
    // Workers run as in production: React's production build is several times faster than its development one.
    NODE_ENV: 'production',
    // glibc allocator settings (MALLOC_*) pass through, to compare their effect on RSS.
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (e): e is [string, string] => e[0].startsWith('MALLOC_') && e[1] !== undefined,
      ),
    ),
  };
  const config = loadConfig(env);
  try {
    const memBefore = await redisUsedMb(redis);
    const store = new SubscriberStore(redis, ks);
    const seedStart = performance.now();
    for (let i = 0; i < SUBSCRIBERS; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, SUBSCRIBERS - i) }, (_, j) =>
          store.add(`reader${i + j}@bench.paperboy.dev`, benchPreferences(i + j), { confirmed: true }),
        ),
      );
    }
    const day = loadSampleDay();
    await saveDay(redis, ks, day);
    console.log(`seeded ${SUBSCRIBERS} subscribers in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const workers = await Promise.all(
      Array.from({ length: WORKERS }, () => startProcess([...nodeArgs, repoFile('bin/paperboy.js'), 'worker'], env)),
    );
    const queues = openQueues(redis, ks);
    const ledger = new DeliveryLedger(redis, ks);
    let peakRedis = 0;
    const started = performance.now();
    await enqueueEdition(queues, day.date);
    for (;;) {
      peakRedis = Math.max(peakRedis, await redisUsedMb(redis));
      if (workers.some((w) => w.child.exitCode !== null)) throw new Error('a worker process exited during the run');
      const state = await queues.edition.getJobState(stageJobId(day.date, 'finish'));
      if (state === 'completed' || state === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    const counts = await ledger.counts(day.date);
    const rss = workers.map((w) => peakRssMb(w.child.pid ?? 0));
    await Promise.all(workers.map((w) => stopProcess(w.child)));
    await queues.close();
    const pipelineRate = counts.sent / seconds;
    console.log(
      `pipeline: ${counts.sent} sent, ${counts.failed} failed, ${counts.skipped} skipped in ${seconds.toFixed(1)} s`,
    );
    console.log(`  emails/s end to end: ${pipelineRate.toFixed(0)}   (target >= 2000)`);
    console.log(`  peak worker RSS: ${rss.map((r) => `${r.toFixed(0)} MB`).join(', ')}   (target < 300 MB)`);
    console.log(
      `  Redis used_memory: ${(peakRedis - memBefore).toFixed(1)} MB above the start at peak, ${((await redisUsedMb(redis)) - memBefore).toFixed(1)} MB after`,
    );

    // The naive way on a slice of the same subscribers: render each recipient from scratch, one API call each.
    const edition = (await buildStoredEdition(redis, ks, config, day.date)).edition;
    const frozenAt = await freezeEdition(redis, ks, day.date);
    const links = createLinkBuilder(config, { now: () => new Date(frozenAt) });
    const client = new Resend('re_test_key', { baseUrl: fakeUrl });
    const naiveStart = performance.now();
    let naiveSent = 0;
    for (let n = 0; n < NAIVE_SLICE; n += 1) {
      const composed = composeDigest(edition, benchPreferences(n), { skipEmpty: true });
      if (composed.kind === 'skip') continue;
      const id = `naive${String(n).padStart(17, '0')}`; // a well-formed subscriber id (22 characters)
      const email = personalise(
        await renderDigest(
          composed.digest,
          { postalAddress: config.mail.postalAddress, publicBaseUrl: config.web.publicBaseUrl },
          config.templateEngine,
        ),
        {
          manageUrl: links.manageUrl(id),
          unsubscribeUrl: links.unsubscribeUrl(id),
        },
      );
      const result = await client.emails.send({
        from: config.mail.from,
        to: `naive${n}@bench.paperboy.dev`,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: buildListHeaders({ unsubscribeUrl: links.unsubscribeUrl(id), listId: config.mail.listId }),
      });
      if (!result.error) naiveSent += 1;
    }
    const naiveRate = naiveSent / ((performance.now() - naiveStart) / 1000);
    console.log(`naive (render per recipient, one call per email) on ${NAIVE_SLICE}: ${naiveRate.toFixed(0)} emails/s`);
    console.log(`  ratio pipeline / naive: ${(pipelineRate / naiveRate).toFixed(1)}x`);
  } finally {
    await stopProcess(fake.child);
    await dropKeyspace(redis, ks);
    redis.disconnect();
    await handle.stop();
  }
}
