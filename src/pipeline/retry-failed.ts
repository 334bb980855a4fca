import type { RedisClient } from '../shared/redis.ts';
import { cutBatches, type DeliveryLedger, type DeliveryRecord, type SendBatchRef } from '../deliveries/index.ts';
import type { Queues } from '../queue/index.ts';
import { ValidationError } from '../shared/errors.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import type { SubscriberStore } from '../subscribers/index.ts';
import { enqueueSendBatches, sendJobId } from './send-jobs.ts';

/**
 * How long after an unknown outcome a replay under the same idempotency key is still safe. Resend keeps keys for
 * 24 hours; an hour less leaves room for a replay that waits in the queue.
 */
export const REPLAY_WINDOW_MS = 23 * 3600 * 1000;

/** What an operator retry needs; a Runtime has all of it. */
export interface RetryDeps {
  redis: RedisClient;
  keyspace: Keyspace;
  ledger: DeliveryLedger;
  store: Pick<SubscriberStore, 'findByEmail'>;
  queues: Pick<Queues, 'send'>;
  config: { readonly send: { readonly batchSize: number } };
  transport: { readonly maxBatchSize: number };
}

export interface RetryFilter {
  /** Only this subscriber's delivery. */
  email?: string | undefined;
  /** Only deliveries whose last error contains this text (case-insensitive). */
  reason?: string | undefined;
  /**
   * Also re-send unknown deliveries past the replay window, in new batches: the provider no longer recognises the
   * first request, so a reader whose first copy did go out gets a second one. Off by default.
   */
  includeUnknown?: boolean | undefined;
}

export interface RetryResult {
  /** Failed deliveries moved back to queued, into new batches (they were certainly not sent). */
  requeued: number;
  /** Original batches replayed for unknown deliveries (same recipients, same idempotency key). */
  replayed: number;
  /** Unknown deliveries past the replay window, left alone (see `includeUnknown`). */
  leftUnknown: number;
  /** Send jobs added. */
  batches: number;
  /** The retry's sequence number for the edition (0 when nothing was queued). */
  retry: number;
  /** The send job ids, in order. */
  jobIds: string[];
}

/** The failed and unknown deliveries a filter selects. */
async function selectFailed(deps: RetryDeps, date: string, filter: RetryFilter): Promise<DeliveryRecord[]> {
  let onlyId: string | undefined;
  if (filter.email !== undefined) {
    const sub = await deps.store.findByEmail(filter.email);
    if (!sub) throw new ValidationError(`no subscriber has the address ${filter.email}`, 'email');
    onlyId = sub.id;
  }
  const needle = filter.reason?.toLowerCase();
  const matches = (r: DeliveryRecord) =>
    (onlyId === undefined || r.subscriberId === onlyId) &&
    (needle === undefined || (r.lastError ?? '').toLowerCase().includes(needle));
  // A failed delivery always had a planned profile; one without cannot be re-rendered, so it stays as it is.
  return (await deps.ledger.failed(date)).filter((r) => r.profileKey !== undefined && matches(r));
}

/**
 * Removes the failed send jobs whose every failed delivery was just queued again, so BullMQ's failed count (and the
 * `paperboy_queue_jobs{state="failed"}` gauge) says what is failed now, not what once was. The ledger keeps each
 * delivery's last error; a batch with a delivery still failed keeps its job.
 */
async function clearRetriedJobs(deps: RetryDeps, date: string, moved: readonly DeliveryRecord[]): Promise<void> {
  const stillFailed = new Set((await deps.ledger.failed(date)).map((r) => r.batchId));
  const batchIds = new Set(moved.flatMap((r) => (r.batchId === undefined ? [] : [r.batchId])));
  for (const batchId of batchIds) {
    if (stillFailed.has(batchId)) continue;
    const job = await deps.queues.send.getJob(sendJobId(date, batchId));
    if (job && (await job.isFailed())) await job.remove();
  }
}

const byProfile = (records: readonly DeliveryRecord[]) => {
  const groups = new Map<string, string[]>();
  for (const r of records) groups.set(r.profileKey ?? '', [...(groups.get(r.profileKey ?? '') ?? []), r.subscriberId]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
};

/**
 * Re-sends an edition's failed deliveries without anyone getting the email twice (never a sent or skipped one):
 * - a **failed** delivery was certainly not sent, so it moves to queued in a fresh list
 *   `plan:<date>:retry-<n>-<profile>` and goes out in new batches;
 * - an **unknown** one (a timeout or reset after the request left) may have been sent, so its original batch is
 *   replayed as it was first attempted, with the same recipients and idempotency key, which the provider answers
 *   from its idempotency store if it did send it; a filter that selects one member replays the whole batch. Past
 *   the provider's window (REPLAY_WINDOW_MS) a replay would no longer be recognised, so unknown deliveries are left
 *   alone unless `includeUnknown` says to re-send them in new batches.
 * A delivery is moved by at most one retry, so running it twice in a row queues nothing the second time.
 */
export async function retryFailed(
  deps: RetryDeps,
  date: string,
  filter: RetryFilter = {},
  now: Date = new Date(),
): Promise<RetryResult> {
  const selected = await selectFailed(deps, date, filter);
  const inWindow = (r: DeliveryRecord) =>
    r.unknownSince !== undefined && now.getTime() - Date.parse(r.unknownSince) < REPLAY_WINDOW_MS;
  const replayable = selected.filter((r) => r.status === 'unknown' && r.batchId !== undefined && inWindow(r));
  const stale = selected.filter((r) => r.status === 'unknown' && !replayable.includes(r));
  const fresh = [...selected.filter((r) => r.status === 'failed'), ...(filter.includeUnknown ? stale : [])];
  const leftUnknown = filter.includeUnknown ? 0 : stale.length;
  // One replay per batch and attempt: the tag is the batch's last attempt, so a second retry before the replay ran
  // names the same job (and adds nothing), while a retry after a failed replay adds a new one.
  const replays = new Map<string, SendBatchRef>();
  for (const r of replayable) {
    const batchId = r.batchId ?? '';
    const tag = `${Date.parse(r.unknownSince ?? '')}-${r.attempts}`;
    const known = replays.get(batchId);
    if (!known || (known.replay ?? '') < tag) {
      const profileKey = r.profileKey ?? '';
      replays.set(batchId, { batchId, profileKey, listId: profileKey, start: 0, count: 1, replay: tag });
    }
  }
  const newReplays: SendBatchRef[] = [];
  for (const b of [...replays.values()].sort((x, y) => x.batchId.localeCompare(y.batchId))) {
    if (!(await deps.queues.send.getJob(sendJobId(date, b.batchId, b.replay)))) newReplays.push(b);
  }
  if (newReplays.length === 0 && fresh.length === 0) {
    return { requeued: 0, replayed: 0, leftUnknown, batches: 0, retry: 0, jobIds: [] };
  }
  const retry = await deps.ledger.nextRetryNumber(date);
  const batchSize = Math.max(1, Math.min(deps.config.send.batchSize, deps.transport.maxBatchSize, 100));
  let requeued = 0;
  const batches: SendBatchRef[] = [];
  for (const [profileKey, ids] of byProfile(fresh)) {
    const listId = `retry-${retry}-${profileKey}`;
    const list = deps.ledger.keys(date).planList(listId);
    const moved = await deps.ledger.requeueFailed(date, ids, list, filter.includeUnknown === true);
    requeued += moved;
    batches.push(...cutBatches(listId, profileKey, moved, batchSize));
  }
  batches.push(...newReplays);
  const jobIds = await enqueueSendBatches(deps.queues, date, batches);
  await clearRetriedJobs(deps, date, fresh);
  return { requeued, replayed: newReplays.length, leftUnknown, batches: batches.length, retry, jobIds };
}
