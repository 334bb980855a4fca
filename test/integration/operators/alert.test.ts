import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { followEdition } from '../../../src/pipeline/index.ts';
import { enqueueEdition } from '../../../src/queue/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { addSubscribers, ScriptedTransport, startPipeline, storeSampleDay, testConfig } from './support.ts';

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** Runs one edition to four readers, `failing` of whom the provider rejects, and returns every log line. */
async function runEdition(name: string, alertShare: string, failing: number): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  const t: TestRedis = await openTestRedis(name);
  const { config, cleanup } = testConfig(t, { FAILURE_ALERT_SHARE: alertShare });
  const transport = new ScriptedTransport();
  const pipeline = startPipeline(config, transport, logger);
  try {
    const date = await storeSampleDay(pipeline.rt);
    const emails = ['r1@example.org', 'r2@example.org', 'r3@example.org', 'r4@example.org'];
    await addSubscribers(pipeline.rt, emails);
    for (const e of emails.slice(0, failing)) transport.failing.add(e);
    await enqueueEdition(pipeline.rt.queues, date);
    const outcome = await followEdition(pipeline.rt, date, () => undefined, { intervalMs: 100 });
    expect(outcome.state).toBe('completed');
    return lines;
  } finally {
    await pipeline.stop();
    await t.cleanup();
    cleanup();
  }
}

describe('the failure alert', () => {
  const ERROR = 50;

  it('logs an error with the numbers when failures pass FAILURE_ALERT_SHARE', async () => {
    const lines = await runEdition('ops-alert-over', '0.2', 1);
    const alerts = lines.filter((l) => l.level >= ERROR);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      msg: 'edition finished with too many failed deliveries',
      recipients: 4,
      sent: 3,
      failed: 1,
      share: 0.25,
      threshold: 0.2,
    });
    expect(alerts[0]?.failures).toEqual([expect.objectContaining({ reason: 'invalid_to: rejected (scripted)' })]);
  });

  it('stays quiet at or under the threshold', async () => {
    const lines = await runEdition('ops-alert-under', '0.25', 1);
    expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
    expect(lines.find((l) => l.msg === 'edition finished')).toMatchObject({ sent: 3, failed: 1 });
  });
});
