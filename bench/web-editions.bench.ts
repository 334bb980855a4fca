// The public web editions and feeds: how long a page and a feed take to make the first time (load the gzipped
// edition from Redis, compose, render) and once cached, their sizes, and the rate of cached answers through
// fastify.inject (200s and 304s). EDITIONS editions (10, the feed's length) of PAPERS synthetic papers (100, a busy
// day) each, on the real Redis under their own prefix.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config/index.ts';
import { freezeEdition, saveEdition } from '../src/editions/index.ts';
import { dailyPaperItemSchema, normaliseItem } from '../src/papers/index.ts';
import { ensureRedis } from '../src/shared/ensure-redis.ts';
import { createKeyspace } from '../src/shared/keyspace.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { connectRedis } from '../src/shared/redis.ts';
import { buildEdition } from '../src/themes/index.ts';
import { buildWebApp } from '../src/web/index.ts';
import { makeDayItems } from '../test/support/fake-papers-api.ts';
import { dropKeyspace } from './support.ts';

const EDITIONS = Number(process.env.BENCH_EDITIONS ?? 10);
const PAPERS = Number(process.env.BENCH_PAPERS ?? 100);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export default async function run(): Promise<void> {
  const redisHandle = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const redis = connectRedis(redisHandle.url);
  const prefix = `pbbench-web-${randomBytes(4).toString('hex')}`;
  const keyspace = createKeyspace(prefix);
  try {
    const dates: string[] = [];
    for (let i = 0; i < EDITIONS; i++) {
      const date = new Date(Date.UTC(2025, 10, 1 + i)).toISOString().slice(0, 10);
      const papers = makeDayItems(date, PAPERS).map((item) => normaliseItem(dailyPaperItemSchema.parse(item)));
      await saveEdition(redis, keyspace, buildEdition(date, papers));
      await freezeEdition(redis, keyspace, date);
      dates.push(date);
    }
    const latest = dates.at(-1)!;
    const config = loadConfig({ REDIS_URL: redisHandle.url, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent' });
    const app = await buildWebApp({ config, logger: silentLogger(), redis, keyspace });
    console.log(`${EDITIONS} editions of ${PAPERS} papers`);
    for (const url of [
      `/editions/${latest}`,
      `/editions/${latest}/robotics`,
      '/editions',
      '/feeds/all.rss',
      '/feeds/all.atom',
      '/feeds/all.json',
    ]) {
      let start = process.hrtime.bigint();
      const first = await app.inject(url);
      const cold = ms(start);
      start = process.hrtime.bigint();
      await app.inject(url);
      const warm = ms(start);
      console.log(
        `${url.padEnd(32)} ${String(first.statusCode)} ${(first.body.length / 1024).toFixed(0).padStart(5)} KB  first ${cold.toFixed(1)} ms, cached ${warm.toFixed(2)} ms`,
      );
    }
    for (const [label, headers] of [
      ['200 (cached)', {}],
      ['304 (If-None-Match)', { 'if-none-match': (await app.inject(`/editions/${latest}`)).headers.etag as string }],
    ] as const) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < REQUESTS; i++)
        await app.inject({ url: `/editions/${latest}`, headers, remoteAddress: `10.0.${i % 250}.1` });
      const took = ms(start);
      console.log(
        `edition page ${label}: ${REQUESTS} requests in ${took.toFixed(0)} ms = ${((REQUESTS / took) * 1000).toFixed(0)} req/s (one client, in process)`,
      );
    }
    await app.close();
  } finally {
    await dropKeyspace(redis, keyspace);
    redis.disconnect();
    await redisHandle.stop?.();
  }
}
