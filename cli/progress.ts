import { Job } from 'bullmq';
import type { DeliveryLedger } from '../src/deliveries/index.ts';
import { stageJobId, type Queues } from '../src/queue/index.ts';

/** A one-line progress bar: `[#####.....] 50% 500/1000 sent 480 failed 2 skipped 18 at 120.0/s`. */
export function progressLine(counts: Record<string, number>, ratePerSecond: number, width = 30): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const done = (counts.sent ?? 0) + (counts.failed ?? 0) + (counts.skipped ?? 0);
  const share = total === 0 ? 0 : done / total;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)}% ${done}/${total}  sent ${counts.sent ?? 0}  failed ${counts.failed ?? 0}  skipped ${counts.skipped ?? 0}  ${ratePerSecond.toFixed(1)}/s`;
}

export type EditionOutcome =
  { state: 'completed'; summary: Record<string, unknown> } | { state: 'failed'; reason: string };

/**
 * Waits for an edition's finish job, calling `onTick` with the ledger counts and the send rate while it runs.
 */
export async function waitForEdition(
  queues: Queues,
  ledger: DeliveryLedger,
  date: string,
  onTick: (counts: Record<string, number>, rate: number) => void,
  intervalMs = 500,
): Promise<EditionOutcome> {
  let lastSent = 0;
  let lastAt = Date.now();
  let rate = 0;
  for (;;) {
    const counts = await ledger.counts(date);
    const now = Date.now();
    const elapsed = (now - lastAt) / 1000;
    if (elapsed >= 1) {
      rate = (counts.sent - lastSent) / elapsed;
      lastSent = counts.sent;
      lastAt = now;
    }
    onTick(counts, rate);
    const job = await Job.fromId(queues.edition, stageJobId(date, 'finish'));
    if (!job) return { state: 'failed', reason: `no edition job for ${date}` };
    const state = await job.getState();
    if (state === 'completed') return { state, summary: job.returnvalue as Record<string, unknown> };
    if (state === 'failed') return { state, reason: job.failedReason ?? 'unknown' };
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
