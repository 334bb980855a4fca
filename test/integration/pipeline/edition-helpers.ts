import { setTimeout as sleep } from 'node:timers/promises';
import { Job } from 'bullmq';
import { editionFailure } from '../../../src/pipeline/index.ts';
import { stageJobId } from '../../../src/queue/index.ts';
import type { Runtime } from '../../../src/runtime/index.ts';

/** The state of an edition's finish job (`unknown` when there is none). */
export async function editionFlowStateFor(rt: Runtime, date: string): Promise<string> {
  return await rt.queues.edition.getJobState(stageJobId(date, 'finish'));
}

/** Polls until `check` holds; fails the test after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Waits until the edition's flow has completed or failed; returns its state and return value or reason. */
export async function editionOutcome(
  rt: Runtime,
  date: string,
  timeoutMs = 90_000,
): Promise<{ state: string; summary?: Record<string, number>; reason?: string }> {
  await waitUntil(
    async () => ['completed', 'failed'].includes(await editionFlowStateFor(rt, date)),
    `edition ${date} to finish`,
    timeoutMs,
  );
  const job = await Job.fromId(rt.queues.edition, stageJobId(date, 'finish'));
  const state = await editionFlowStateFor(rt, date);
  const reason = state === 'failed' ? await editionFailure(rt.queues, date) : undefined;
  return { state, summary: job?.returnvalue as Record<string, number>, reason };
}
