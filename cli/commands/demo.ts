import { readdir, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { startWorkers } from '../../jobs/workers.ts';
import { loadConfig, type Config } from '../../src/config/index.ts';
import { getDay, loadSampleDay, PapersClient, saveDay } from '../../src/papers/index.ts';
import { startDayEdition } from '../../src/pipeline/index.ts';
import { createRuntime } from '../../src/runtime/index.ts';
import { addDays, todayUtc } from '../../src/shared/dates.ts';
import { ensureRedis } from '../../src/shared/ensure-redis.ts';
import { deleteKeyspace } from '../../src/shared/delete-keyspace.ts';
import { connectRedis, type RedisClient } from '../../src/shared/redis.ts';
import { describeError } from '../../src/shared/errors.ts';
import { createKeyspace, type Keyspace } from '../../src/shared/keyspace.ts';
import { createLogger, type Logger } from '../../src/shared/logger.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { printSummary, runAndWait } from '../run-edition.ts';

const DEMO_SUBSCRIBERS = [
  { email: 'ada@example.org', topics: ['visual-rl', 'robotics'] },
  { email: 'grace@example.org', topics: ['image-generation'] },
  { email: 'alan@example.org', topics: ['vlm-reasoning', 'image-generation', 'robotics'] },
];

/** `paperboy demo`: the whole pipeline end to end on this machine, into the outbox. */
export function register(program: Command): void {
  program
    .command('demo')
    .description(
      "run the whole pipeline for today's papers (or a bundled sample day) to three demo subscribers, into the outbox",
    )
    .action(async () => {
      const out = process.stdout;
      const redisHandle = await ensureRedis(loadConfig(process.env).redis.url);
      if (redisHandle.started)
        out.write(`No Redis answered at REDIS_URL; started a private one at ${redisHandle.url}\n`);
      // The demo keeps its data under its own prefix and always delivers to the outbox.
      const base = loadConfig(process.env);
      const config = loadConfig({
        ...process.env,
        REDIS_URL: redisHandle.url,
        REDIS_PREFIX: `${base.redis.prefix}-demo`,
        MAIL_TRANSPORT: 'outbox',
        PAPERS_RETRIES: '1',
        PAPERS_TIMEOUT_MS: '8000',
      });
      const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', pretty: process.stderr.isTTY === true });
      try {
        await runDemo(config, logger, out);
      } finally {
        await redisHandle.stop();
      }
    });
}

async function runDemo(config: Config, logger: Logger, out: NodeJS.WritableStream): Promise<void> {
  const ks = createKeyspace(config.redis.prefix);
  const redis = connectRedis(config.redis.url);
  try {
    await deleteKeyspace(redis, ks);
    const date = await pickDay(config, logger, redis, ks, out);
    const outboxDay = resolve(config.mail.outboxDir, date);
    await rm(outboxDay, { recursive: true, force: true });
    const rt = createRuntime(config, logger);
    const workers = startWorkers(rt);
    try {
      for (const s of DEMO_SUBSCRIBERS) {
        await rt.store.add(s.email, { topics: s.topics, perTopic: 5, alsoTrending: true }, { confirmed: true });
      }
      out.write(`Created ${DEMO_SUBSCRIBERS.length} demo subscribers; running the pipeline through BullMQ...\n`);
      // `run --date D`: the edition of that list day alone (the demo's prefix is fresh, so no edition holds it).
      const { restarted } = await startDayEdition(rt, date);
      const outcome = await runAndWait(rt, date, { restarted, live: process.stdout.isTTY === true, out });
      if (outcome.state === 'failed') throw new CliError(`the demo edition failed: ${outcome.reason}`, EXIT.failure);
      printSummary(out, outcome.summary);
    } finally {
      await workers.close();
      await rt.close();
    }
    const files = (await readdir(outboxDay).catch(() => []))
      .filter((f) => f.endsWith('.eml') || f.endsWith('.html'))
      .sort();
    out.write(
      `\nThe emails are in ${relative(process.cwd(), outboxDay) || '.'}/ (open the .html files in a browser):\n`,
    );
    for (const f of files) out.write(`  ${join(relative(process.cwd(), outboxDay), f)}\n`);
  } finally {
    await deleteKeyspace(redis, ks);
    redis.disconnect();
  }
}

/** Today's papers, or the latest day with papers in the past week; the bundled sample day when the API is unreachable. */
async function pickDay(
  config: Config,
  logger: Logger,
  redis: RedisClient,
  ks: Keyspace,
  out: NodeJS.WritableStream,
): Promise<string> {
  const client = new PapersClient({ ...config.papers, logger, baseDelayMs: 300 });
  const today = todayUtc();
  try {
    for (let back = 0; back < 7; back += 1) {
      const date = addDays(today, -back);
      const { day } = await getDay(client, redis, ks, date, { refresh: true });
      if (day.papers.length > 0) {
        out.write(`Fetched ${day.papers.length} papers for ${date} from ${config.papers.apiUrl}\n`);
        return date;
      }
    }
    out.write('The Daily Papers API answered, but had no papers in the past week; using the bundled sample day.\n');
  } catch (error) {
    out.write(
      `Could not reach the Daily Papers API at ${config.papers.apiUrl} (${describeError(error)}).\nUsing the bundled sample day of synthetic papers instead.\n`,
    );
  }
  const sample = loadSampleDay();
  await saveDay(redis, ks, sample);
  return sample.date;
}
