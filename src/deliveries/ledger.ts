import { DEFAULT_RETENTION } from '../config/index.ts';
import type { RedisClient } from '../shared/redis.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import {
  CLAIM_BATCH,
  ERASE_RECORD,
  MARK_OUTCOMES,
  MARK_SKIPPED,
  PLAN_RECIPIENTS,
  RECORD_ATTEMPT_ERROR,
  REQUEUE_FAILED,
  SEND_KEY,
} from './ledger-scripts.ts';

/**
 * `unknown`: every attempt ended without an answer after the request left (a timeout, a reset), so the provider may
 * have sent it; only a replay of the same batch under the same idempotency key may send it again.
 */
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'skipped';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = [
  'queued',
  'sending',
  'sent',
  'failed',
  'unknown',
  'skipped',
];

/** One subscriber's delivery of one edition. */
export interface DeliveryRecord {
  subscriberId: string;
  status: DeliveryStatus;
  profileKey: string | undefined;
  batchId: string | undefined;
  providerId: string | undefined;
  attempts: number;
  lastError: string | undefined;
  /** When an attempt's outcome first became unknown (ISO time), if one did. */
  unknownSince: string | undefined;
  skipReason: string | undefined;
  updatedAt: string;
  lastEvent: string | undefined;
}

export type BatchOutcome =
  { id: string; status: 'sent'; providerId: string } | { id: string; status: 'failed' | 'skipped'; reason: string };

interface RawRecord {
  s: DeliveryStatus;
  p?: string;
  b?: string;
  id?: string;
  a?: number;
  e?: string;
  r?: string;
  t?: number;
  ev?: string;
  u?: number;
}

/** Key names of one edition's ledger. Every one of them expires DELIVERY_RETENTION_DAYS after it was last refreshed. */
export function ledgerKeys(ks: Keyspace, date: string) {
  return {
    ledger: ks.key('ledger', date),
    counts: ks.key('ledger', date, 'counts'),
    failed: ks.key('ledger', date, 'failed'),
    /** The counter that numbers the edition's operator retries. */
    retries: ks.key('ledger', date, 'retries'),
    /** Profile key -> preferences, for the senders. */
    profiles: ks.key('plan', date, 'profiles'),
    lists: ks.key('plan', date, 'lists'),
    planList: (profileKey: string) => ks.key('plan', date, profileKey),
    batch: (batchId: string) => ks.key('batch', date, batchId),
    /** The idempotency key a batch was first sent under (not under `batch:`, whose keys hold recipient lists). */
    batchSendKey: (batchId: string) => ks.key('batch-key', date, batchId),
    /** Subscriber id -> the reader's order for the edition, fixed at their batch's first claim (reader-order.ts). */
    orders: ks.key('orders', date),
    providerPrefix: ks.key('provider', ''),
  };
}

function decodeRecord(subscriberId: string, raw: string): DeliveryRecord {
  const r = JSON.parse(raw) as RawRecord;
  return {
    subscriberId,
    status: r.s,
    profileKey: r.p,
    batchId: r.b,
    providerId: r.id,
    attempts: r.a ?? 0,
    lastError: r.e,
    unknownSince: r.u === undefined ? undefined : new Date(r.u).toISOString(),
    skipReason: r.r,
    updatedAt: new Date(r.t ?? 0).toISOString(),
    lastEvent: r.ev,
  };
}

/**
 * The send ledger: per edition and subscriber, the delivery status, provider id, attempts and last error. Every
 * transition is one Lua script, so no crash or retry can count a delivery twice or send a sent one again. Every key
 * of an edition expires `retentionSeconds` after it was last written or refreshed (see `retain`).
 */
export class DeliveryLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly ks: Keyspace,
    /** DELIVERY_RETENTION_DAYS in seconds: how long an edition's delivery keys live after the last refresh. */
    readonly retentionSeconds: number = DEFAULT_RETENTION.deliverySeconds,
  ) {}

  keys(date: string) {
    return ledgerKeys(this.ks, date);
  }

  /** Adds recipients to a profile's plan list; those already in the ledger are left as they are. */
  async plan(date: string, profileKey: string, ids: readonly string[], listKey?: string): Promise<number> {
    if (ids.length === 0) return 0;
    const k = this.keys(date);
    const list = listKey ?? k.planList(profileKey);
    return (await this.redis.eval(
      PLAN_RECIPIENTS,
      4,
      k.ledger,
      k.counts,
      list,
      k.lists,
      Date.now(),
      profileKey,
      this.retentionSeconds,
      ...ids,
    )) as number;
  }

  /** Marks recipients skipped with a reason (only queued ones, unless `force` adds new records). */
  async skip(
    date: string,
    ids: readonly string[],
    reason: string,
    options: { profileKey?: string; newOnly?: boolean } = {},
  ): Promise<number> {
    if (ids.length === 0) return 0;
    const k = this.keys(date);
    const onlyIfQueued = options.newOnly ? '0' : '1';
    return (await this.redis.eval(
      MARK_SKIPPED,
      2,
      k.ledger,
      k.counts,
      Date.now(),
      reason,
      onlyIfQueued,
      options.profileKey ?? '',
      this.retentionSeconds,
      ...ids,
    )) as number;
  }

  /**
   * The idempotency key of a batch's send attempt: the one its first attempt stored, else `proposed` (stored now). A
   * retry keeps it even when its recipients have changed since (an erasure strips the erased reader from the batch):
   * were it derived again, a provider that processed the first attempt would send everyone else a second copy; under
   * the stored key it refuses the changed payload (invalid_idempotent_request) and they end unknown. Once the
   * provider has answered an attempt (a recipient is recorded sent), the rest were answered for: they go under
   * `proposed`, as the first attempt of what is left.
   */
  async sendKey(date: string, batchId: string, proposed: string): Promise<string> {
    const k = this.keys(date);
    return (await this.redis.eval(
      SEND_KEY,
      3,
      k.batchSendKey(batchId),
      k.ledger,
      k.batch(batchId),
      proposed,
      this.retentionSeconds,
      batchId,
    )) as string;
  }

  /** Claims a batch's recipients (see CLAIM_BATCH); returns the ids this attempt must send to. */
  async claim(date: string, batchId: string, candidates: readonly string[]): Promise<string[]> {
    const k = this.keys(date);
    return (await this.redis.eval(
      CLAIM_BATCH,
      3,
      k.ledger,
      k.counts,
      k.batch(batchId),
      Date.now(),
      batchId,
      this.retentionSeconds,
      ...candidates,
    )) as string[];
  }

  async markOutcomes(date: string, batchId: string, outcomes: readonly BatchOutcome[]): Promise<number> {
    if (outcomes.length === 0) return 0;
    const k = this.keys(date);
    const args = outcomes.flatMap((o) => [o.id, o.status, o.status === 'sent' ? o.providerId : o.reason]);
    const providerKeys = outcomes.flatMap((o) => (o.status === 'sent' ? [k.providerPrefix + o.providerId] : []));
    return (await this.redis.eval(
      MARK_OUTCOMES,
      3 + providerKeys.length,
      k.ledger,
      k.counts,
      k.failed,
      ...providerKeys,
      Date.now(),
      batchId,
      this.retentionSeconds,
      date,
      ...args,
    )) as number;
  }

  /**
   * Notes a failed attempt; with `final` the recipients become failed, or unknown when this or an earlier attempt
   * was `ambiguous` (the request may have reached the provider).
   */
  async recordAttemptError(
    date: string,
    batchId: string,
    ids: readonly string[],
    error: string,
    final: boolean,
    ambiguous: boolean,
  ): Promise<void> {
    if (ids.length === 0) return;
    const k = this.keys(date);
    await this.redis.eval(
      RECORD_ATTEMPT_ERROR,
      3,
      k.ledger,
      k.counts,
      k.failed,
      Date.now(),
      batchId,
      error.slice(0, 500),
      final ? '1' : '0',
      this.retentionSeconds,
      ambiguous ? '1' : '0',
      ...ids,
    );
  }

  /**
   * Moves failed recipients (and, with `includeUnknown`, unknown ones) back to queued, appending them to `listKey`.
   * Returns how many moved. The edition's keys (its profiles too, which the retry's senders read) then live another
   * full retention.
   */
  async requeueFailed(date: string, ids: readonly string[], listKey: string, includeUnknown = false): Promise<number> {
    if (ids.length === 0) return 0;
    const k = this.keys(date);
    const moved = (await this.redis.eval(
      REQUEUE_FAILED,
      5,
      k.ledger,
      k.counts,
      k.failed,
      listKey,
      k.lists,
      Date.now(),
      this.retentionSeconds,
      includeUnknown ? '1' : '0',
      ...ids,
    )) as number;
    if (moved > 0) await this.retain(date);
    return moved;
  }

  /** The next operator-retry number of an edition (1, 2, ...); the counter expires with the edition's keys. */
  async nextRetryNumber(date: string): Promise<number> {
    const key = this.keys(date).retries;
    const [[, n] = []] = (await this.redis.multi().incr(key).expire(key, this.retentionSeconds).exec()) ?? [];
    return Number(n);
  }

  /**
   * Gives every key of an edition's deliveries (ledger, counts, failed set, retry counter, profiles, plan lists)
   * a full retention from now: called when the edition finishes and when an operator retries it. Batch keys and
   * provider index entries keep the expiry they were written with (retention from their send).
   */
  async retain(date: string): Promise<void> {
    const k = this.keys(date);
    const lists = await this.redis.smembers(k.lists);
    const multi = this.redis.multi();
    for (const key of [k.ledger, k.counts, k.failed, k.retries, k.profiles, k.lists, k.orders, ...lists]) {
      multi.expire(key, this.retentionSeconds);
    }
    await multi.exec();
  }

  async get(date: string, subscriberId: string): Promise<DeliveryRecord | undefined> {
    const raw = await this.redis.hget(this.keys(date).ledger, subscriberId);
    return raw === null ? undefined : decodeRecord(subscriberId, raw);
  }

  async getMany(date: string, ids: readonly string[]): Promise<(DeliveryRecord | undefined)[]> {
    if (ids.length === 0) return [];
    const raws = await this.redis.hmget(this.keys(date).ledger, ...ids);
    return raws.map((raw, i) => (raw === null ? undefined : decodeRecord(ids[i] ?? '', raw)));
  }

  /** Counts by status, kept in step by the scripts (no scan). */
  async counts(date: string): Promise<Record<DeliveryStatus, number>> {
    const raw = await this.redis.hgetall(this.keys(date).counts);
    const out = { queued: 0, sending: 0, sent: 0, failed: 0, unknown: 0, skipped: 0 };
    for (const s of DELIVERY_STATUSES) out[s] = Math.max(0, Number(raw[s] ?? 0));
    return out;
  }

  /** The failed and unknown records of an edition (those that need an operator). */
  async failed(date: string): Promise<DeliveryRecord[]> {
    const ids = await this.redis.smembers(this.keys(date).failed);
    const records = await this.getMany(date, ids.sort());
    return records.filter((r): r is DeliveryRecord => r?.status === 'failed' || r?.status === 'unknown');
  }

  /** Removes a subscriber from one edition's ledger and plan lists (for erasure). */
  async erase(date: string, subscriberId: string): Promise<boolean> {
    const k = this.keys(date);
    const removed = (await this.redis.eval(ERASE_RECORD, 3, k.ledger, k.counts, k.failed, subscriberId)) as number;
    for (const list of await this.redis.smembers(k.lists)) await this.redis.lrem(list, 0, subscriberId);
    return removed === 1;
  }
}
