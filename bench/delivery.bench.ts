// The real pipeline for 100,000 subscribers with random preferences, each with 20 votes and 5 follows, against a
// local server that speaks Resend's batch API with no rate limit, run twice in the same conditions: one rendering
// per preference profile (PERSONAL_DIGESTS=false) and each reader's own digest assembled in their order
// (PERSONAL_DIGESTS=true). Prints emails/s end to end, peak worker RSS and Redis memory of each, the ratio, and the
// Redis memory per subscriber of the reader signals and of the stored orders. Then the naive way (render per
// recipient, one API call per email) on a slice of the same subscribers, and the ratio.
// BENCH_SUBSCRIBERS, BENCH_WORKERS, BENCH_NAIVE_SLICE (0 skips it), BENCH_MODES=profile,personal.
import { randomBytes } from 'node:crypto';
import { Resend } from 'resend';
import { loadConfig } from '../src/config/index.ts';
import { DeliveryLedger, readerOrdersKey } from '../src/deliveries/index.ts';
import { composeDigest } from '../src/digest/index.ts';
import { buildStoredEdition, freezeEdition } from '../src/editions/index.ts';
import { buildListHeaders } from '../src/mail/index.ts';
import { loadSampleDay, saveDay, type StoredDay } from '../src/papers/index.ts';
import { buildProfile, readerKeys, readerVoteSchema, withTerms, type ReaderVote } from '../src/relevance/index.ts';
import { enqueueEdition, openQueues, stageJobId } from '../src/queue/index.ts';
import { personalise, renderDigest } from '../src/render/index.ts';
import { ensureRedis } from '../src/shared/ensure-redis.ts';
import { createKeyspace, type Keyspace } from '../src/shared/keyspace.ts';
import { connectRedis, type RedisClient } from '../src/shared/redis.ts';
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
 * docker-compose.yml all start it with a small V8 young generation and a 192 MB old one), plus any extra such as
 * `--cpu-prof`.
 */
const nodeArgs = [
  '--max-semi-space-size=4',
  '--max-old-space-size=192',
  ...(process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean),
];

const MODES = (process.env.BENCH_MODES ?? 'profile,personal').split(',') as ('profile' | 'personal')[];
const VOTES = 20;

interface RunResult {
  mode: 'profile' | 'personal';
  rate: number;
  rss: number[];
  redisPeakMb: number;
  signalsMb: number;
  ordersBytes: number;
}

/**
 * A reader's 20 votes (on earlier papers like today's), the profile summed from them and 5 follows, written as
 * ReaderStore writes them.
 */
function readerSignals(day: StoredDay) {
  const earlier = day.papers.map((p) => ({ ...p, id: `${p.id}-earlier` }));
  const json = (vote: 'more' | 'less', i: number) => {
    const paper = earlier[i % earlier.length]!;
    const raw = { paperId: paper.id, date: '2025-11-20', vote, title: paper.title, at: '2025-11-20T08:00:00.000Z' };
    return readerVoteSchema.parse(withTerms(raw, paper));
  };
  const more = earlier.map((_, i) => json('more', i));
  const less = earlier.map((_, i) => json('less', i));
  // Readers n and n + earlier.length vote alike: one profile per pattern.
  const profiles = new Map<number, string>();
  return (n: number) => {
    const votes: Record<string, string> = {};
    const cast: ReaderVote[] = [];
    for (let k = 0; k < VOTES; k++) {
      const i = (n * 7 + k) % earlier.length;
      const vote = k % 4 === 3 ? less[i]! : more[i]!;
      cast.push(vote);
      votes[earlier[i]!.id] = JSON.stringify(vote);
    }
    const pattern = n % earlier.length;
    let profile = profiles.get(pattern);
    if (profile === undefined) {
      profile = JSON.stringify(buildProfile(cast));
      profiles.set(pattern, profile);
    }
    const at = (k: number) => day.papers[(n + k * 5) % day.papers.length]!;
    const interests = {
      keywords: [at(0).title.split(' ').slice(0, 2).join(' '), 'diffusion'],
      authors: [at(1).authors[0] ?? 'Ana Ruiz', at(2).authors[0] ?? 'Tom Weller'],
      organizations: [at(3).organization?.name ?? 'kestrel-labs'],
      mutes: [],
    };
    return { votes, profile, interests: JSON.stringify(interests) };
  };
}

async function seed(redis: RedisClient, ks: Keyspace, day: StoredDay): Promise<{ signalsMb: number }> {
  const store = new SubscriberStore(redis, ks);
  const signals = readerSignals(day);
  const seedStart = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < SUBSCRIBERS; i += 500) {
    const added = await Promise.all(
      Array.from({ length: Math.min(500, SUBSCRIBERS - i) }, (_, j) =>
        store.add(`reader${i + j}@bench.paperboy.dev`, benchPreferences(i + j), { confirmed: true }),
      ),
    );
    ids.push(...added.map((a) => a.subscriber.id));
  }
  await saveDay(redis, ks, day);
  const before = await redisUsedMb(redis);
  for (let i = 0; i < ids.length; i += 500) {
    const multi = redis.multi();
    ids.slice(i, i + 500).forEach((id, j) => {
      const { votes, profile, interests } = signals(i + j);
      const keys = readerKeys(ks, id);
      multi.hset(keys.votes, votes).set(keys.interests, interests);
      multi.hset(keys.profile, 'seq', VOTES, 'gen', VOTES, 'data', profile);
    });
    await multi.exec();
  }
  const signalsMb = (await redisUsedMb(redis)) - before;
  console.log(
    `  seeded ${SUBSCRIBERS} subscribers with ${VOTES} votes and 5 follows each in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  return { signalsMb };
}

async function run(
  mode: 'profile' | 'personal',
  handleUrl: string,
  fakeUrl: string,
  day: StoredDay,
): Promise<RunResult> {
  const prefix = `pbbench-${mode}-${randomBytes(3).toString('hex')}`;
  const ks = createKeyspace(prefix);
  const redis = connectRedis(handleUrl);
  console.log(
    `\n${mode === 'profile' ? 'one rendering per profile' : "each reader's own digest"} (PERSONAL_DIGESTS=${mode === 'personal'})`,
  );
  const env = { ...workerEnv(handleUrl, fakeUrl), REDIS_PREFIX: prefix, PERSONAL_DIGESTS: String(mode === 'personal') };
  try {
    const memBefore = await redisUsedMb(redis);
    const { signalsMb } = await seed(redis, ks, day);
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
    const rate = counts.sent / seconds;
    const orders = readerOrdersKey(ks, day.date);
    const ordersBytes = Number((await redis.call('MEMORY', 'USAGE', orders, 'SAMPLES', '0')) ?? 0);
    console.log(`  ${counts.sent} sent, ${counts.failed} failed, ${counts.skipped} skipped in ${seconds.toFixed(1)} s`);
    console.log(`  emails/s end to end: ${rate.toFixed(0)}`);
    console.log(`  peak worker RSS: ${rss.map((r) => `${r.toFixed(0)} MB`).join(', ')}   (target < 300 MB)`);
    console.log(
      `  Redis used_memory: ${(peakRedis - memBefore).toFixed(1)} MB above the start at peak, ${((await redisUsedMb(redis)) - memBefore).toFixed(1)} MB after`,
    );
    return { mode, rate, rss, redisPeakMb: peakRedis - memBefore, signalsMb, ordersBytes };
  } finally {
    await dropKeyspace(redis, ks);
    redis.disconnect();
  }
}

function workerEnv(redisUrl: string, fakeUrl: string) {
  return {
    ...SAFE_PRODUCTION_ENV,
    REDIS_URL: redisUrl,
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
}

export default async function bench(): Promise<void> {
  const handle = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const fake = await startProcess(
    ['--import', 'tsx', repoFile('bench/fake-resend-lean.ts'), '--port', '0'],
    {},
    /"listening"/,
  );
  const fakeUrl = (JSON.parse(fake.firstLine) as { url: string }).url;
  const day = loadSampleDay();
  try {
    const results: RunResult[] = [];
    for (const mode of MODES) results.push(await run(mode, handle.url, fakeUrl, day));
    const profile = results.find((r) => r.mode === 'profile');
    const personal = results.find((r) => r.mode === 'personal');
    if (profile && personal) {
      console.log(
        `\npersonal / per-profile emails/s: ${personal.rate.toFixed(0)} / ${profile.rate.toFixed(0)} = ${((100 * personal.rate) / profile.rate).toFixed(0)}%   (target >= 80%)`,
      );
    }
    if (personal) {
      console.log(
        `Redis per subscriber: ${((personal.signalsMb * 1024 * 1024) / SUBSCRIBERS).toFixed(0)} B of reader signals (${VOTES} votes, 5 follows), ${(personal.ordersBytes / SUBSCRIBERS).toFixed(0)} B of stored order per edition`,
      );
    }
    if (NAIVE_SLICE > 0) await naive(handle.url, fakeUrl, day, profile?.rate);
  } finally {
    await stopProcess(fake.child);
    await handle.stop();
  }
}

/** The naive way on a slice of subscribers: render each recipient from scratch, one API call each. */
async function naive(redisUrl: string, fakeUrl: string, day: StoredDay, pipelineRate: number | undefined) {
  const prefix = `pbbench-naive-${randomBytes(3).toString('hex')}`;
  const ks = createKeyspace(prefix);
  const redis = connectRedis(redisUrl);
  const config = loadConfig({ ...workerEnv(redisUrl, fakeUrl), REDIS_PREFIX: prefix });
  try {
    await saveDay(redis, ks, day);
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
    console.log(
      `\nnaive (render per recipient, one call per email) on ${NAIVE_SLICE}: ${naiveRate.toFixed(0)} emails/s`,
    );
    if (pipelineRate) console.log(`  ratio per-profile pipeline / naive: ${(pipelineRate / naiveRate).toFixed(1)}x`);
  } finally {
    await dropKeyspace(redis, ks);
    redis.disconnect();
  }
}
