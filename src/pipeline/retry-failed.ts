import type { Redis } from 'ioredis';
import { cutBatches, type DeliveryLedger, type DeliveryRecord, type SendBatchRef } from '../deliveries/index.ts';
import type { Queues } from '../queue/index.ts';
import { ValidationError } from '../shared/errors.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import type { SubscriberStore } from '../subscribers/index.ts';
import { enqueueSendBatches } from './send-jobs.ts';

/** What an operator retry needs; a Runtime has all of it. */
export interface RetryDeps {
  redis: Redis;
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
}

export interface RetryResult {
  /** Failed deliveries moved back to queued. */
  requeued: number;
  /** Send jobs added. */
  batches: number;
  /** The retry's sequence number for the edition (0 when nothing was queued). */
  retry: number;
  /** The send job ids, in order. */
  jobIds: string[];
}

/** The failed deliveries a filter selects, by preference profile. */
async function selectFailed(deps: RetryDeps, date: string, filter: RetryFilter): Promise<Map<string, string[]>> {
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
  const byProfile = new Map<string, string[]>();
  for (const r of await deps.ledger.failed(date)) {
    // A failed delivery always had a planned profile; one without cannot be re-rendered, so it stays failed.
    if (r.profileKey === undefined || !matches(r)) continue;
    const ids = byProfile.get(r.profileKey) ?? [];
    ids.push(r.subscriberId);
    byProfile.set(r.profileKey, ids);
  }
  return byProfile;
}

/**
 * Re-queues an edition's failed deliveries (never a sent or skipped one) for another send: each selected record
 * moves from failed to queued in one atomic step into a fresh list `plan:<date>:retry-<n>-<profile>`, and one send
 * job (no parent) is added per batch of that list. A delivery is moved by at most one retry, so running it twice
 * in a row queues nothing the second time.
 */
export async function retryFailed(deps: RetryDeps, date: string, filter: RetryFilter = {}): Promise<RetryResult> {
  const byProfile = await selectFailed(deps, date, filter);
  if (byProfile.size === 0) return { requeued: 0, batches: 0, retry: 0, jobIds: [] };
  const retry = await deps.ledger.nextRetryNumber(date);
  const batchSize = Math.max(1, Math.min(deps.config.send.batchSize, deps.transport.maxBatchSize, 100));
  let requeued = 0;
  const batches: SendBatchRef[] = [];
  for (const [profileKey, ids] of [...byProfile].sort(([a], [b]) => a.localeCompare(b))) {
    const listId = `retry-${retry}-${profileKey}`;
    const moved = await deps.ledger.requeueFailed(date, ids, deps.ledger.keys(date).planList(listId));
    requeued += moved;
    batches.push(...cutBatches(listId, profileKey, moved, batchSize));
  }
  const jobIds = await enqueueSendBatches(deps.queues, date, batches);
  return { requeued, batches: batches.length, retry, jobIds };
}
