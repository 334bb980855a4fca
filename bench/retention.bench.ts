// Redis memory of Paperboy's data over many editions. N subscribers (100,000 by default) receive EDITIONS editions
// (30), one per simulated day, through the real pipeline (fetch from a local Daily Papers API, build, plan, send
// jobs on BullMQ workers, finish) with a transport that accepts every message at once and answers a Resend-like id,
// so the provider index is filled as in production. The clock is simulated by configuring the retention in seconds:
// one simulated day lasts DAY seconds, delivery records are kept DELIVERY_DAYS of them and stored papers
// PAPERS_DAYS, so the real EXPIREs set by the real code paths run out during the bench. Memory is the sum of
// `MEMORY USAGE` over this run's keys (its own prefix; other users of the Redis do not count), by kind of key.
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient as Redis } from '../src/shared/redis.ts';
import { startWorkers } from '../jobs/workers.ts';
import { loadConfig, type Config } from '../src/config/index.ts';
import type { MailTransport, OutgoingMessage, SendOutcome } from '../src/mail/index.ts';
import { enqueueEdition, stageJobId } from '../src/queue/index.ts';
import { createRuntime } from '../src/runtime/index.ts';
import { ensureRedis } from '../src/shared/ensure-redis.ts';
import { createKeyspace, type Keyspace } from '../src/shared/keyspace.ts';
import { createLogger } from '../src/shared/logger.ts';
import { connectRedis } from '../src/shared/redis.ts';
import { SubscriberStore } from '../src/subscribers/index.ts';
import { makeDayItems, startFakePapersApi } from '../test/support/fake-papers-api.ts';
import { benchPreferences, dropKeyspace, redisUsedMb } from './support.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const EDITIONS = Number(process.env.BENCH_EDITIONS ?? 30);
/** Wall-clock seconds of one simulated day: long enough for one edition to plan and send. */
const DAY = Number(process.env.BENCH_DAY_SECONDS ?? Math.max(6, Math.ceil(SUBSCRIBERS / 2500)));
const DELIVERY_DAYS = Number(process.env.BENCH_DELIVERY_DAYS ?? 7);
const PAPERS_DAYS = Number(process.env.BENCH_PAPERS_DAYS ?? 2);
/** BullMQ removes completed jobs after 14 days (removeOnComplete's age); on the simulated clock, Queue.clean does. */
const JOB_DAYS = Number(process.env.BENCH_JOB_DAYS ?? 14);
const PAPERS_PER_DAY = 40;

/** Accepts every message and answers a provider id shaped like Resend's (a UUID). */
class AcceptingTransport implements MailTransport {
  readonly name = 'accepting';
  readonly maxBatchSize = 100;
  messages = 0;
  async sendBatch(messages: readonly OutgoingMessage[], options: { beforeRequest?: () => Promise<void> }) {
    await options.beforeRequest?.();
    this.messages += messages.length;
    return messages.map((_, index): SendOutcome => ({ index, status: 'sent', providerId: randomUUID() }));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const KINDS = [
  ['subscribers', /^subs?:/],
  ['ledger', /^ledger:/],
  ['plan lists', /^plan:/],
  ['batch keys', /^batch(-key)?:/],
  ['provider index', /^provider:/],
  ['stored papers', /^papers:/],
  ['editions', /^(edition:\d{4}-\d{2}-\d{2}|editions)$/],
  ['BullMQ jobs', /^(send|edition):/],
  ['other', /./],
] as const;
type Kind = (typeof KINDS)[number][0];

interface Snapshot {
  bytes: Record<Kind, number>;
  keys: Record<Kind, number>;
  total: number;
  ledgers: number;
}

/** `MEMORY USAGE` (every element counted) of each key under the prefix, summed by kind. */
async function snapshot(redis: Redis, ks: Keyspace): Promise<Snapshot> {
  const bytes = Object.fromEntries(KINDS.map(([k]) => [k, 0])) as Record<Kind, number>;
  const keys = { ...bytes };
  const root = `${ks.bullPrefix}:`;
  let ledgers = 0;
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', ks.pattern, 'COUNT', 5000);
    cursor = next;
    for (let i = 0; i < found.length; i += 1000) {
      const slice = found.slice(i, i + 1000);
      const pipe = redis.pipeline();
      for (const key of slice) pipe.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
      const results = (await pipe.exec()) ?? [];
      slice.forEach((key, j) => {
        const size = Number(results[j]?.[1] ?? 0); // null once the key has expired
        if (!size) return;
        const rest = key.slice(root.length);
        const kind = KINDS.find(([, re]) => re.test(rest))?.[0] ?? 'other';
        bytes[kind] += size;
        keys[kind] += 1;
        if (/^ledger:\d{4}-\d{2}-\d{2}$/.test(rest)) ledgers += 1;
      });
    }
  } while (cursor !== '0');
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  return { bytes, keys, total, ledgers };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function dateOf(n: number): string {
  return new Date(Date.UTC(2026, 0, 5) + n * 86_400_000).toISOString().slice(0, 10);
}

export default async function bench(): Promise<void> {
  const handle = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `pbbench-ret-${randomBytes(3).toString('hex')}`;
  const ks = createKeyspace(prefix);
  const redis = connectRedis(handle.url);
  const days = Object.fromEntries(
    Array.from({ length: EDITIONS }, (_, n) => [dateOf(n), makeDayItems(dateOf(n), PAPERS_PER_DAY)]),
  );
  const api = await startFakePapersApi({ days });
  const loaded = loadConfig({
    REDIS_URL: handle.url,
    REDIS_PREFIX: prefix,
    PAPERS_API_URL: api.url,
    SEND_RATE: '1000',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  });
  // The simulated clock: the configured retention, in seconds of this run instead of days.
  const config: Config = {
    ...loaded,
    retention: { deliverySeconds: DELIVERY_DAYS * DAY, papersSeconds: PAPERS_DAYS * DAY, editionSeconds: 0 },
  };
  const transport = new AcceptingTransport();
  const rt = createRuntime(config, createLogger({ level: 'warn', pretty: false }), { transport });
  const workers = startWorkers(rt);
  console.log(
    `${SUBSCRIBERS} subscribers, ${EDITIONS} editions, one simulated day = ${DAY} s; kept: deliveries ` +
      `${DELIVERY_DAYS} days, papers ${PAPERS_DAYS} days, editions forever, completed jobs ${JOB_DAYS} days`,
  );
  try {
    const usedBefore = await redisUsedMb(redis);
    const store = new SubscriberStore(redis, ks);
    for (let i = 0; i < SUBSCRIBERS; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, SUBSCRIBERS - i) }, (_, j) =>
          store.add(`reader${i + j}@bench.paperboy.dev`, benchPreferences(i + j), { confirmed: true }),
        ),
      );
    }
    const base = await snapshot(redis, ks);
    console.log(
      `subscribers: ${mb(base.bytes.subscribers)} MB, ${(base.bytes.subscribers / SUBSCRIBERS).toFixed(0)} bytes each`,
    );
    console.log(
      'day  ledgers  total MB  ledger+plan+batch+provider MB  papers KB  editions KB  jobs MB  used_memory MB  edition s',
    );
    const start = Date.now();
    let first: Snapshot | undefined;
    const totals: number[] = [];
    for (let n = 0; n <= EDITIONS; n += 1) {
      const wait = start + n * DAY * 1000 - Date.now();
      if (wait > 0) await sleep(wait);
      await rt.queues.send.clean(JOB_DAYS * DAY * 1000, 0, 'completed');
      await rt.queues.edition.clean(JOB_DAYS * DAY * 1000, 0, 'completed');
      const scanStart = Date.now();
      const s = await snapshot(redis, ks);
      const scanned = (Date.now() - scanStart) / 1000;
      if (scanned > DAY / 4) console.log(`  (measuring took ${scanned.toFixed(1)} s of the ${DAY} s day)`);
      if (n === 1) first = s;
      totals.push(s.total - base.total);
      const delivery = s.bytes.ledger + s.bytes['plan lists'] + s.bytes['batch keys'] + s.bytes['provider index'];
      let took = '';
      if (n < EDITIONS) {
        const date = dateOf(n);
        const began = Date.now();
        await enqueueEdition(rt.queues, date);
        for (;;) {
          const state = await rt.queues.edition.getJobState(stageJobId(date, 'finish'));
          if (state === 'completed') break;
          if (state === 'failed') throw new Error(`edition ${date} failed`);
          await sleep(100);
        }
        const seconds = (Date.now() - began) / 1000;
        took = seconds.toFixed(1) + (seconds > DAY ? ' (longer than a day: raise BENCH_DAY_SECONDS)' : '');
      }
      console.log(
        `${String(n).padStart(3)}  ${String(s.ledgers).padStart(7)}  ${mb(s.total - base.total).padStart(8)}  ` +
          `${mb(delivery).padStart(29)}  ${kb(s.bytes['stored papers']).padStart(9)}  ` +
          `${kb(s.bytes.editions).padStart(11)}  ${mb(s.bytes['BullMQ jobs']).padStart(7)}  ` +
          `${((await redisUsedMb(redis)) - usedBefore).toFixed(1).padStart(14)}  ${took.padStart(9)}`,
      );
    }
    if (first) {
      const delivery =
        first.bytes.ledger + first.bytes['plan lists'] + first.bytes['batch keys'] + first.bytes['provider index'];
      console.log(`one edition at ${SUBSCRIBERS} subscribers:`);
      for (const kind of ['ledger', 'plan lists', 'batch keys', 'provider index'] as const) {
        console.log(`  ${kind}: ${mb(first.bytes[kind])} MB in ${first.keys[kind]} keys`);
      }
      console.log(
        `  delivery records: ${mb(delivery)} MB (${(delivery / SUBSCRIBERS).toFixed(0)} bytes per subscriber)`,
      );
      console.log(`  stored papers: ${kb(first.bytes['stored papers'])} KB; edition: ${kb(first.bytes.editions)} KB`);
      console.log(`  BullMQ jobs: ${mb(first.bytes['BullMQ jobs'])} MB in ${first.keys['BullMQ jobs']} keys`);
    }
    const window = Math.max(DELIVERY_DAYS, JOB_DAYS) + 1;
    const steady = totals.slice(window);
    if (steady.length > 1) {
      console.log(
        `after day ${window}: total between ${mb(Math.min(...steady))} and ${mb(Math.max(...steady))} MB ` +
          `(last: ${mb(totals.at(-1) ?? 0)} MB)`,
      );
    }
    console.log(
      `Redis used_memory (the whole server, shared): ${((await redisUsedMb(redis)) - usedBefore).toFixed(1)} MB above the start`,
    );
    console.log(`messages accepted: ${transport.messages}`);
  } finally {
    await workers.close();
    await rt.close();
    await api.close();
    await dropKeyspace(redis, ks);
    redis.disconnect();
    await handle.stop();
  }
}
