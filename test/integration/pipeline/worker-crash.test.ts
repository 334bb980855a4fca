import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../../src/deliveries/index.ts';
import { enqueueEdition, openQueues, stageJobId, type Queues } from '../../../src/queue/index.ts';
import { SubscriberStore } from '../../../src/subscribers/index.ts';
import { makeDayItems, startFakePapersApi, type FakePapersApi } from '../../support/fake-papers-api.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DATE = '2025-11-24';
const SUBSCRIBERS = 300;
const PROFILES = [
  { topics: ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'], perTopic: 5, alsoTrending: true },
  { topics: ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'], perTopic: 3, alsoTrending: true },
  { topics: ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'], perTopic: 2, alsoTrending: true },
];

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `paperboy worker` as a separate process, as an operator would run it. */
function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['bin/paperboy.js', 'worker'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  log: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}\n--- worker output ---\n${log().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a worker killed mid-run and restarted finishes the edition', () => {
  let t: TestRedis;
  let api: FakePapersApi;
  let outbox: string;
  let queues: Queues;
  const children: WorkerProcess[] = [];

  beforeAll(async () => {
    t = await openTestRedis('crash');
    api = await startFakePapersApi({ days: { [DATE]: makeDayItems(DATE, 28) } });
    outbox = await mkdtemp(join(tmpdir(), 'paperboy-crash-'));
    queues = openQueues(t.redis, t.keyspace);
  });

  afterAll(async () => {
    for (const w of children) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(children.map((w) => w.exited));
    await queues?.close();
    await t?.cleanup();
    await api?.close();
    if (outbox) await rm(outbox, { recursive: true, force: true });
  });

  it('sends every subscriber exactly once across the crash', { timeout: 120_000 }, async () => {
    const env = {
      REDIS_URL: t.url,
      REDIS_PREFIX: t.prefix,
      OUTBOX_DIR: outbox,
      PAPERS_API_URL: api.url,
      MAIL_TRANSPORT: 'outbox',
      // 30 batches of 10 at 5 batches a second: about six seconds of sending, time enough to kill it midway.
      SEND_RATE: '5',
      SEND_BATCH_SIZE: '10',
      WORKER_LOCK_MS: '2000',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    };
    const store = new SubscriberStore(t.redis, t.keyspace);
    const ids: string[] = [];
    for (let i = 0; i < SUBSCRIBERS; i += 50) {
      const added = await Promise.all(
        Array.from({ length: Math.min(50, SUBSCRIBERS - i) }, (_, j) =>
          store.add(`reader${i + j}@example.org`, PROFILES[(i + j) % PROFILES.length]!, { confirmed: true }),
        ),
      );
      ids.push(...added.map((a) => a.subscriber.id));
    }
    const ledger = new DeliveryLedger(t.redis, t.keyspace);

    const first = spawnWorker(env);
    children.push(first);
    await until(
      'the first worker to start',
      async () => ((await queues.send.getWorkers()).length > 0 ? true : undefined),
      60_000,
      first.output,
    );
    await enqueueEdition(queues, DATE);

    // Kill it hard (no graceful shutdown) once some deliveries are sent but not all.
    const sentAtKill = await until(
      'some deliveries to be sent',
      async () => {
        const { sent } = await ledger.counts(DATE);
        return sent >= 30 ? sent : undefined;
      },
      60_000,
      first.output,
    );
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const afterKill = await ledger.counts(DATE);
    expect(sentAtKill).toBeLessThan(SUBSCRIBERS);
    expect(afterKill.sent, 'the first worker sent everything before it was killed').toBeLessThan(SUBSCRIBERS);

    const second = spawnWorker(env);
    children.push(second);
    const finish = await until(
      'the edition to finish',
      async () => {
        const job = await Job.fromId(queues.edition, stageJobId(DATE, 'finish'));
        const state = job ? await job.getState() : 'missing';
        if (state === 'failed')
          throw new Error(`edition failed: ${job?.failedReason}\n${second.output().slice(-4000)}`);
        if (state !== 'completed') return undefined;
        // Read it again: the copy above may predate its completion (and so its return value).
        const done = await Job.fromId(queues.edition, stageJobId(DATE, 'finish'));
        return done?.returnvalue as Record<string, number>;
      },
      90_000,
      second.output,
    );

    expect(finish).toMatchObject({ recipients: SUBSCRIBERS, sent: SUBSCRIBERS, failed: 0, skipped: 0, pending: 0 });
    expect(await ledger.counts(DATE)).toEqual({
      queued: 0,
      sending: 0,
      sent: SUBSCRIBERS,
      failed: 0,
      unknown: 0,
      skipped: 0,
    });
    const records = await ledger.getMany(DATE, ids);
    expect(records.filter((r) => r?.status !== 'sent')).toEqual([]);
    // Recorded as sent once each (an interrupted batch is re-sent under the same claim, never counted twice).
    expect(records.filter((r) => r?.attempts !== 1)).toEqual([]);
    const emls = (await readdir(join(outbox, DATE))).filter((f) => f.endsWith('.eml')).sort();
    expect(emls).toEqual(ids.map((id) => `digest-${id}.eml`).sort());
    expect((await readdir(join(outbox, DATE))).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // The restarted worker shuts down gracefully on SIGTERM.
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
