import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, type Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type Workers } from '../../../jobs/workers.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { enqueueEdition, stageJobId } from '../../../src/queue/index.ts';
import { createRuntime, type Runtime } from '../../../src/runtime/index.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import type { Subscriber } from '../../../src/subscribers/index.ts';
import { makeDayItems, startFakePapersApi, type FakePapersApi } from '../../support/fake-papers-api.ts';
import { deleteKeyspace, testRedisUrl, uniquePrefix } from '../../support/redis.ts';

const DATE = '2025-11-24';
const EMPTY_DATE = '2025-11-23';
const ALL_TOPICS = ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'];
// Every profile asks for all topics and "Also trending", so each one has papers to receive whatever the themes are.
const SUBSCRIBERS = [
  { email: 'ada@example.org', perTopic: 3 },
  { email: 'grace@example.org', perTopic: 5 },
  { email: 'alan@example.org', perTopic: 5 },
  { email: 'edsger@example.org', perTopic: 2 },
  { email: 'barbara@example.org', perTopic: 4 },
];

/** Waits until the edition's finish job completes (or fails), then returns its state and return value. */
async function waitForFinish(rt: Runtime, date: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await Job.fromId(rt.queues.edition, stageJobId(date, 'finish'));
    const state = job ? await job.getState() : 'missing';
    if (state === 'completed' || state === 'failed') {
      // Read it again: the copy above may predate its completion (and so its return value).
      const done = await Job.fromId(rt.queues.edition, stageJobId(date, 'finish'));
      return { state, summary: done?.returnvalue as Record<string, number>, reason: done?.failedReason };
    }
    if (Date.now() > deadline) throw new Error(`edition ${date} did not finish (finish job ${state})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every job id in a queue, whatever its state. */
async function jobIds(queue: Queue): Promise<string[]> {
  const jobs = await queue.getJobs([
    'active',
    'waiting',
    'waiting-children',
    'delayed',
    'completed',
    'failed',
    'prioritized',
  ]);
  return jobs.map((j) => j.id ?? '').sort();
}

async function emlFiles(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
}

describe('the edition flow, end to end through BullMQ into the outbox', () => {
  let api: FakePapersApi;
  let outbox: string;
  let rt: Runtime;
  let workers: Workers;
  const subscribers: Subscriber[] = [];

  beforeAll(async () => {
    api = await startFakePapersApi({ days: { [DATE]: makeDayItems(DATE, 28) } });
    outbox = await mkdtemp(join(tmpdir(), 'paperboy-flow-'));
    const config = loadConfig({
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: uniquePrefix('flow'),
      PAPERS_API_URL: api.url,
      OUTBOX_DIR: outbox,
      LOG_LEVEL: 'silent',
      SEND_RATE: '100',
    });
    rt = createRuntime(config, silentLogger());
    workers = startWorkers(rt, { lockDurationMs: 5_000 });
    for (const s of SUBSCRIBERS) {
      const { subscriber } = await rt.store.add(
        s.email,
        { topics: ALL_TOPICS, perTopic: s.perTopic, alsoTrending: true },
        { confirmed: true },
      );
      subscribers.push(subscriber);
    }
    // Not active: must receive nothing.
    await rt.store.add('pending@example.org', { topics: ALL_TOPICS, perTopic: 5, alsoTrending: true });
  });

  afterAll(async () => {
    await workers?.close();
    if (rt) await deleteKeyspace(rt.redis, rt.keyspace);
    await rt?.close();
    await api?.close();
    if (outbox) await rm(outbox, { recursive: true, force: true });
  });

  it('delivers exactly one well-formed digest per active subscriber, even when the date is enqueued twice', async () => {
    // Twice before it has finished...
    await enqueueEdition(rt.queues, DATE);
    await enqueueEdition(rt.queues, DATE);
    const outcome = await waitForFinish(rt, DATE);
    expect(outcome.state, outcome.reason).toBe('completed');
    expect(outcome.summary).toMatchObject({
      date: DATE,
      papers: 28,
      recipients: subscribers.length,
      sent: subscribers.length,
      failed: 0,
      skipped: 0,
    });
    expect(api.requestsFor(DATE)).toHaveLength(2); // one full page and the empty one, fetched once

    const dir = join(outbox, DATE);
    const files = await emlFiles(dir);
    expect(files).toEqual(subscribers.map((s) => `digest-${s.id}.eml`).sort());
    for (const s of subscribers) {
      const raw = await readFile(join(dir, `digest-${s.id}.eml`));
      const mail = await simpleParser(raw);
      expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
      expect(mail.text?.trim().length).toBeGreaterThan(0);
      expect(typeof mail.html === 'string' && mail.html.includes('<')).toBe(true);
      const to = mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined;
      expect(to).toBe(s.email);
      const keys = mail.headerLines.map((h) => h.key);
      expect(keys).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'list-id']));
      // Header lines as written, unfolded (long ones are folded onto continuation lines).
      const line = (key: string) =>
        (mail.headerLines.find((h) => h.key === key)?.line ?? '').replace(/\r?\n[ \t]+/g, ' ');
      expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(line('list-unsubscribe')).toMatch(/^List-Unsubscribe: <https?:\/\/[^>]+>/);
      expect(line('list-id')).toMatch(/^List-Id: .*<[^>]+>/i); // header names are case-insensitive
      expect(line('feedback-id')).toBe(`Feedback-ID: ${DATE}:digest:paperboy:paperboy`); // no reader in it
      expect(await stat(join(dir, `digest-${s.id}.html`))).toBeTruthy();

      const record = await rt.ledger.get(DATE, s.id);
      expect(record).toMatchObject({ status: 'sent', attempts: 1 });
    }

    // ...and once more after it finished: nothing new is created, sent or written.
    const counts = await rt.ledger.counts(DATE);
    expect(counts).toEqual({ queued: 0, sending: 0, sent: subscribers.length, failed: 0, unknown: 0, skipped: 0 });
    const editionJobs = await jobIds(rt.queues.edition);
    const sendJobs = await jobIds(rt.queues.send);
    expect(editionJobs).toEqual(['fetch', 'build', 'plan', 'finish'].map((s) => `${DATE}-${s}`).sort());
    expect(sendJobs.length).toBeGreaterThan(0);
    const mtimes = await Promise.all(files.map(async (f) => (await stat(join(dir, f))).mtimeMs));

    await enqueueEdition(rt.queues, DATE);
    await new Promise((r) => setTimeout(r, 1_500));

    expect(await jobIds(rt.queues.edition)).toEqual(editionJobs);
    expect(await jobIds(rt.queues.send)).toEqual(sendJobs);
    expect(await rt.queues.edition.getJobCounts('waiting', 'active', 'delayed')).toEqual({
      waiting: 0,
      active: 0,
      delayed: 0,
    });
    expect(await rt.ledger.counts(DATE)).toEqual(counts);
    expect(await emlFiles(dir)).toEqual(files);
    expect(await Promise.all(files.map(async (f) => (await stat(join(dir, f))).mtimeMs))).toEqual(mtimes);
    expect(api.requestsFor(DATE)).toHaveLength(2);
    expect((await waitForFinish(rt, DATE)).state).toBe('completed');
  });

  it('finishes an empty day with nothing sent', async () => {
    await enqueueEdition(rt.queues, EMPTY_DATE);
    const outcome = await waitForFinish(rt, EMPTY_DATE);
    expect(outcome.state, outcome.reason).toBe('completed');
    expect(outcome.summary).toMatchObject({ date: EMPTY_DATE, papers: 0, recipients: 0, sent: 0, failed: 0 });
    expect(api.requestsFor(EMPTY_DATE)).toHaveLength(1);
    expect(await rt.ledger.counts(EMPTY_DATE)).toEqual({
      queued: 0,
      sending: 0,
      sent: 0,
      failed: 0,
      unknown: 0,
      skipped: 0,
    });
    expect(await emlFiles(join(outbox, EMPTY_DATE))).toEqual([]);
    expect(await rt.queues.send.getJobs(['completed', 'waiting', 'active', 'failed'])).toSatisfy((jobs: Job[]) =>
      jobs.every((j) => (j.data as { date: string }).date !== EMPTY_DATE),
    );
  });
});
