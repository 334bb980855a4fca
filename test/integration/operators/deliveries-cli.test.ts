import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register as registerDeliveries } from '../../../cli/commands/deliveries.ts';
import { register as registerSchedule } from '../../../cli/commands/schedule.ts';
import { followEdition } from '../../../src/pipeline/index.ts';
import { enqueueEdition } from '../../../src/queue/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { addSubscribers, ScriptedTransport, startPipeline, storeSampleDay, testConfig, waitFor } from './support.ts';

/** Runs a paperboy command in this process with the test's environment, returning what it printed. */
async function runCli(env: Record<string, string>, args: string[]) {
  const program = new Command('paperboy').exitOverride();
  registerDeliveries(program);
  registerSchedule(program);
  const saved = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  Object.assign(process.env, env);
  process.stdout.write = (chunk: string | Uint8Array) => out.push(String(chunk)) > 0;
  process.stderr.write = (chunk: string | Uint8Array) => err.push(String(chunk)) > 0;
  try {
    await program.parseAsync(['node', 'paperboy', ...args]);
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
  return { stdout: out.join(''), stderr: err.join('') };
}

describe('paperboy deliveries status / retry', () => {
  let t: TestRedis;
  let pipeline: ReturnType<typeof startPipeline>;
  let cleanupConfig: () => void;
  let date: string;
  let env: Record<string, string>;
  let ids: Map<string, string>;
  const transport = new ScriptedTransport();

  beforeAll(async () => {
    t = await openTestRedis('ops-cli');
    const { config, cleanup } = testConfig(t);
    cleanupConfig = cleanup;
    env = { REDIS_URL: t.url, REDIS_PREFIX: t.prefix, LOG_LEVEL: 'silent', SEND_RATE: '1000' };
    pipeline = startPipeline(config, transport);
    date = await storeSampleDay(pipeline.rt);
    ids = await addSubscribers(pipeline.rt, ['ann@example.org', 'bob@example.org', 'cat@example.org']);
    transport.failing.add('bob@example.org');
    transport.failing.add('cat@example.org');
    await enqueueEdition(pipeline.rt.queues, date);
    await followEdition(pipeline.rt, date, () => undefined, { intervalMs: 100 });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await t?.cleanup();
    cleanupConfig?.();
  });

  it('status --json matches the ledger, with each failure and its address', async () => {
    const { stdout } = await runCli(env, ['deliveries', 'status', '--date', date, '--json']);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    const counts = await pipeline.rt.ledger.counts(date);
    const failed = await pipeline.rt.ledger.failed(date);
    expect(report).toMatchObject({
      date,
      total: counts.queued + counts.sending + counts.sent + counts.failed + counts.skipped,
      sent: counts.sent,
      failed: counts.failed,
      pending: counts.queued + counts.sending,
      skipped: counts.skipped,
    });
    expect(report).toMatchObject({ total: 3, sent: 1, failed: 2, unknown: 0, pending: 0, skipped: 0 });
    expect(report.papers).toBeGreaterThan(0);
    expect(report.failures).toEqual(
      failed.map((r) => ({
        subscriberId: r.subscriberId,
        email: r.subscriberId === ids.get('bob@example.org') ? 'bob@example.org' : 'cat@example.org',
        status: 'failed',
        attempts: 1,
        reason: 'invalid_to: rejected (scripted)',
      })),
    );
  });

  it('status prints the counts and the failed deliveries for a person', async () => {
    const { stdout } = await runCli(env, ['deliveries', 'status', '--date', date]);
    expect(stdout).toContain('total 3  sent 1  failed 2  unknown 0  pending 0  skipped 0');
    expect(stdout).toMatch(/bob@example\.org\s+\S+\s+failed\s+attempts 1\s+invalid_to: rejected \(scripted\)/);
    expect(stdout).toContain(`paperboy deliveries retry --date ${date}`);
  });

  it('retry re-queues the failed ones once; status --watch follows them until nothing is pending', async () => {
    transport.failing.delete('bob@example.org');
    const bobRetry = await runCli(env, ['deliveries', 'retry', '--date', date, '--email', 'bob@example.org']);
    expect(bobRetry.stdout).toBe(`Re-queued 1 failed delivery of ${date} in 1 send job (retry #1).\n`);
    const watched = await runCli(env, ['deliveries', 'status', '--date', date, '--watch']);
    expect(watched.stderr).toMatch(/\] \d+% 3\/3 {2}sent 2 {2}failed 1 {2}unknown 0 {2}skipped 0 {2}\d+\.\d\/s\n$/);
    expect(watched.stdout).toContain('total 3  sent 2  failed 1  unknown 0  pending 0');

    transport.failing.clear();
    const all = await runCli(env, ['deliveries', 'retry', '--date', date]);
    expect(all.stdout).toBe(`Re-queued 1 failed delivery of ${date} in 1 send job (retry #2).\n`);
    const again = await runCli(env, ['deliveries', 'retry', '--date', date]);
    expect(again.stdout).toBe(`Nothing to retry: no failed deliveries of ${date} match.\n`);
    await waitFor(async () => (await pipeline.rt.ledger.counts(date)).sent === 3, 'every delivery to be sent');
    expect(transport.receivedBy('ann@example.org')).toBe(1);
  });

  it('says clearly when nothing is recorded for a date, and rejects an unknown address', async () => {
    await expect(runCli(env, ['deliveries', 'status', '--date', '2001-01-01'])).rejects.toThrow(
      'nothing is recorded for 2001-01-01',
    );
    await expect(
      runCli(env, ['deliveries', 'retry', '--date', date, '--email', 'ghost@example.org']),
    ).rejects.toMatchObject({ exitCode: 2 });
  });

  it('schedule sets, shows and removes the daily schedule and the hourly sends', async () => {
    const zone = { ...env, DIGEST_SCHEDULE: '0 7 * * 1-5', DIGEST_TZ: 'Europe/Berlin' };
    const set = await runCli(zone, ['schedule']);
    expect(set.stdout).toMatch(
      /^Daily schedule set: "0 7 \* \* 1-5" in Europe\/Berlin\. Next run: \w{3} \d{4}-\d\d-\d\d 07:00 Europe\/Berlin \(0[56]:00 UTC\)\nHourly sends set \(readers with their own delivery time\)\. Next: \w{3} \d{4}-\d\d-\d\d \d\d:00 UTC\n$/,
    );
    await runCli(zone, ['schedule']);
    const shown = await runCli(zone, ['schedule', '--show', '--count', '3']);
    expect(shown.stdout).toMatch(/^Hourly sends: next .* UTC; 0 readers with their own delivery time in 0 buckets\n/);
    const runs = shown.stdout.split('\n').filter((l) => l.startsWith('  '));
    expect(runs).toHaveLength(3);
    for (const run of runs) expect(run).toMatch(/^ {2}(Mon|Tue|Wed|Thu|Fri) \d{4}-\d\d-\d\d 07:00 Europe\/Berlin/);
    expect(await pipeline.rt.queues.edition.getJobSchedulersCount()).toBe(2);
    expect((await runCli(zone, ['schedule', '--remove'])).stdout).toBe(
      'Removed the daily schedule.\nRemoved the hourly sends.\n',
    );
    expect((await runCli(zone, ['schedule', '--show'])).stdout).toMatch(/No daily schedule is set/);
    await expect(runCli({ ...zone, DIGEST_TZ: 'Nowhere/Land' }, ['schedule'])).rejects.toMatchObject({ exitCode: 2 });
  });
});
