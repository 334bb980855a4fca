import type { Job } from 'bullmq';
import { sendHour } from '../src/pipeline/index.ts';
import { hourJobSchema } from '../src/queue/index.ts';
import type { JobContext } from './processor.ts';

/** The tick a scheduler job stands for: its scheduled time (`repeat:<scheduler>:<ms>`), not when it ran. */
export function scheduledTick(job: Pick<Job, 'id' | 'timestamp' | 'opts'>): Date {
  const prev = (job.opts as { prevMillis?: number }).prevMillis;
  const fromId = /:(\d{10,})$/.exec(job.id ?? '')?.[1];
  return new Date(prev ?? (fromId ? Number(fromId) : job.timestamp));
}

/**
 * The hourly scheduler fired: send the readers whose local delivery hour this tick serves (see `sendHour`). While
 * the morning edition is still being built or sent the job retries (every attempt but the last waits for it); the
 * editions chosen are kept in the job data, so a retry sends the same ones.
 */
export async function processHour({ rt, job }: JobContext) {
  const data = hourJobSchema.parse(job.data);
  const tick = data.tick ? new Date(data.tick) : scheduledTick(job);
  const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const log = rt.logger.child({ jobId: job.id, stage: 'hour', tick: tick.toISOString() });
  return sendHour(rt, tick, log, {
    pinned: data.pinned,
    waitForMorning: !finalAttempt,
    onChosen: (pinned) => job.updateData({ ...data, tick: tick.toISOString(), pinned }),
  });
}
