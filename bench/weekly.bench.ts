// A weekly round-up for 100,000 weekly readers: how long it takes to build (from 7 stored daily editions) and to
// plan and send (one hourly tick, the real ledger and send jobs, one `npm run worker` process, against a local server
// speaking Resend's batch API). Then how hourly buckets spread one day's sends over 24 time zones.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config/index.ts';
import { buildStoredWeekly, saveEdition } from '../src/editions/index.ts';
import { loadSampleDay } from '../src/papers/index.ts';
import { sendHour } from '../src/pipeline/index.ts';
import { createRuntime } from '../src/runtime/index.ts';
import { addDays } from '../src/shared/dates.ts';
import { ensureRedis } from '../src/shared/ensure-redis.ts';
import { createKeyspace } from '../src/shared/keyspace.ts';
import { createLogger } from '../src/shared/logger.ts';
import { connectRedis } from '../src/shared/redis.ts';
import { SubscriberStore } from '../src/subscribers/index.ts';
import { buildEdition } from '../src/themes/index.ts';
import { SAFE_PRODUCTION_ENV } from '../test/support/production-env.ts';
import { benchPreferences, dropKeyspace, peakRssMb, repoFile, startProcess, stopProcess } from './support.ts';
import { printSpread } from './weekly-buckets.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const LAST_DAY = '2026-11-29';
/** Monday 30 November 2026, 07:00 in UTC: the tick the weekly readers (Monday, 07:00, UTC) are due at. */
const TICK = new Date('2026-11-30T07:00:00Z');

export default async function bench(): Promise<void> {
  printSpread(100_000, '2026-03-29');
  printSpread(100_000, '2026-11-30');
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
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  const config = loadConfig(env);
  const rt = createRuntime(config, createLogger({ level: 'warn', pretty: false }));
  try {
    const store = new SubscriberStore(redis, ks);
    const seedStart = performance.now();
    for (let i = 0; i < SUBSCRIBERS; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, SUBSCRIBERS - i) }, (_, j) =>
          store.add(
            `reader${i + j}@bench.paperboy.dev`,
            { ...benchPreferences(i + j), cadence: 'weekly', weekday: 1, timeZone: 'UTC', hour: 7 },
            { confirmed: true },
          ),
        ),
      );
    }
    const sample = loadSampleDay();
    for (let d = 6; d >= 0; d -= 1) {
      const day = addDays(LAST_DAY, -d);
      const papers = sample.papers.map((p, i) => ({ ...p, id: `${p.id}-${day}`, upvotes: (p.upvotes + i * 7) % 300 }));
      await saveEdition(redis, ks, buildEdition(day, papers, { days: [day] }));
    }
    console.log(
      `seeded ${SUBSCRIBERS} weekly readers and 7 daily editions in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );

    const buildStart = performance.now();
    const weekly = await buildStoredWeekly(redis, ks, config, LAST_DAY, TICK);
    const buildMs = performance.now() - buildStart;
    const worker = await startProcess(
      ['--max-semi-space-size=4', '--max-old-space-size=192', repoFile('bin/paperboy.js'), 'worker'],
      env,
    );
    const started = performance.now();
    const hour = await sendHour(rt, TICK, rt.logger);
    const planSeconds = (performance.now() - started) / 1000;
    for (;;) {
      const c = await rt.ledger.counts(weekly.date);
      if (c.queued + c.sending === 0) break;
      if (worker.child.exitCode !== null) throw new Error('the worker exited during the run');
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    const counts = await rt.ledger.counts(weekly.date);
    const rss = peakRssMb(worker.child.pid ?? 0);
    await stopProcess(worker.child);
    console.log(
      `weekly round-up ${weekly.date}: ${weekly.counts.papers} papers from ${weekly.days.length} days, built in ${buildMs.toFixed(0)} ms`,
    );
    console.log(
      `  hourly tick: ${hour.due} bucket due, ${hour.planned} planned in ${planSeconds.toFixed(1)} s (${hour.batches} send jobs)`,
    );
    console.log(
      `  sent ${counts.sent}, failed ${counts.failed}, skipped ${counts.skipped} in ${seconds.toFixed(1)} s from the tick: ${(counts.sent / seconds).toFixed(0)} emails/s; peak worker RSS ${rss.toFixed(0)} MB`,
    );
  } finally {
    await rt.close();
    await dropKeyspace(redis, ks);
    redis.disconnect();
    await stopProcess(fake.child);
    await handle.stop();
  }
}
