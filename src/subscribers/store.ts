import type { RedisClient } from '../shared/redis.ts';
import { TransientError } from '../shared/errors.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { normaliseEmail } from './email.ts';
import type { Preferences } from './preferences.ts';
import { subscriberKeys, type SubscriberKeys } from './keys.ts';
import { sendBucketOf } from './send-buckets.ts';
import { storeScripts, type StoreScripts } from './store-scripts.ts';
import { SuppressedAddressError, suppressionHash } from './suppression.ts';
import {
  SUBSCRIBER_STATUSES,
  isSubscriberId,
  isSuppressed,
  newSubscriberId,
  normalisePreferences,
  samePreferences,
  subscriberSchema,
  type Subscriber,
  type SubscriberStatus,
} from './subscriber.ts';

export type AddOutcome = 'added' | 'updated' | 'suppressed' | 'unchanged';

export interface StoreOptions {
  /**
   * SUPPRESSION_SECRET: with it, erasing a suppressed subscriber keeps a keyed hash of the address, and adding or
   * subscribing that address again is refused. Without it (readers such as the send pipeline) nothing is kept.
   */
  suppressionSecret?: string;
}

/** What a subscribe request from the web form decided (see `requestSubscription`). */
export interface SubscriptionRequest {
  /** `confirm`: mail a confirmation link; `manage-link`: the address is active, mail a preferences link; `none`. */
  answer: 'confirm' | 'manage-link' | 'none';
  /**
   * The subscriber as stored now; for an address erased while suppressed, which has no record, the unsaved record
   * it would have had (so the caller can do the same work, for instance render the same email, and send nothing).
   */
  subscriber: Subscriber;
}
export type ConfirmOutcome = 'confirmed' | 'already-active' | 'suppressed';

export interface AddOptions {
  /** Create (or turn a pending subscriber) active at once: imports and operator adds, not the web form. */
  confirmed?: boolean;
  /** What to do with an existing, non-suppressed subscriber: update its preferences (default) or keep it. */
  existing?: 'update' | 'keep';
}

/** Suppression strength: a weaker suppression never overwrites a stronger one (a complaint stays a complaint). */
const RANK: Record<SubscriberStatus, number> = { pending: 0, active: 0, unsubscribed: 1, bounced: 2, complained: 3 };
const MAX_ATTEMPTS = 200;

/**
 * Subscribers in Redis. A record is JSON under `sub:<id>`; `subs:email` maps the address key to the id and
 * `subs:status:<status>` (sorted sets, score 0, ordered by id) index by status so a send can page through one
 * status without reading everything. Creation, erasure and status moves are single Lua scripts; every update is a
 * read-modify-compare-and-set retried on conflict, so concurrent updates never lose a write.
 */
export class SubscriberStore {
  private readonly scripts: StoreScripts;
  private readonly keys: SubscriberKeys;

  constructor(
    private readonly redis: RedisClient,
    private readonly keyspace: Keyspace,
    private readonly options: StoreOptions = {},
  ) {
    this.scripts = storeScripts(redis);
    this.keys = subscriberKeys(keyspace);
  }

  private recordKey(id: string): string {
    return this.keys.record(id);
  }
  private emailIndex(): string {
    return this.keys.emailIndex();
  }
  private statusIndex(status: SubscriberStatus): string {
    return this.keys.statusIndex(status);
  }
  /** The send-bucket index (see send-buckets.ts), kept in step with every record change by the scripts. */
  private bucketKeys(): [string, string] {
    return [this.keys.bucketMembers(), this.keys.bucketRegistry()];
  }
  /** The address's suppression hash, or '' when this store keeps none. */
  private hashOf(emailKey: string): string {
    const secret = this.options.suppressionSecret;
    return secret ? suppressionHash(secret, emailKey) : '';
  }

  /**
   * Adds an address, or updates the preferences of an existing pending/active one. Suppressed addresses
   * (unsubscribed, bounced, complained) stay exactly as they are. Throws ValidationError on a bad address, and
   * SuppressedAddressError for an address erased while suppressed (it has no record left to return).
   */
  async add(
    email: string,
    preferences: Preferences,
    options: AddOptions = {},
  ): Promise<{ subscriber: Subscriber; outcome: AddOutcome }> {
    const { address, key } = normaliseEmail(email);
    const prefs = normalisePreferences(preferences);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const existingId = await this.redis.hget(this.emailIndex(), key);
      if (existingId) {
        let outcome: AddOutcome = 'unchanged';
        const result = await this.mutate(existingId, (s, now) => {
          outcome = 'unchanged';
          if (isSuppressed(s.status)) return ((outcome = 'suppressed'), s);
          if (options.existing === 'keep') return s;
          const activate = options.confirmed === true && s.status === 'pending';
          if (!activate && samePreferences(s.preferences, prefs)) return s;
          outcome = 'updated';
          const next: Subscriber = { ...s, preferences: prefs, updatedAt: now };
          return activate ? { ...next, status: 'active', confirmedAt: now, statusChangedAt: now } : next;
        });
        if (result) return { subscriber: result, outcome };
        continue; // erased between the lookup and the update: try again as new
      }
      const now = new Date().toISOString();
      const status: SubscriberStatus = options.confirmed ? 'active' : 'pending';
      const subscriber: Subscriber = {
        id: newSubscriberId(),
        email: address,
        status,
        preferences: prefs,
        createdAt: now,
        ...(status === 'active' ? { confirmedAt: now } : {}),
        updatedAt: now,
        statusChangedAt: now,
      };
      const keys = [
        this.emailIndex(),
        this.recordKey(subscriber.id),
        this.statusIndex(status),
        this.keys.suppressed(),
        ...this.bucketKeys(),
      ];
      const [created, detail] = await this.scripts.create(keys, [
        key,
        subscriber.id,
        JSON.stringify(subscriber),
        this.hashOf(key),
        this.keys.bucketPrefix(),
        sendBucketOf(subscriber),
      ]);
      if (created === 1) return { subscriber, outcome: 'added' };
      if (created === 2) throw new SuppressedAddressError(detail);
      // Someone added the same address at the same moment: go round and treat it as existing.
    }
    throw new TransientError('Too much contention adding a subscriber', 'store_contention');
  }

  /**
   * The web form's subscribe request, decided in a single script whatever the address's state, so the work (and
   * its time) is the same for a new, pending, active, unsubscribed, bounced, complained or erased address. A new
   * address becomes pending; a pending or unsubscribed one takes the new choices (nothing is sent to it until its
   * owner confirms); an active one is left alone (its owner is mailed a preferences link); bounced, complained and
   * erased-while-bounced/complained ones get nothing. Throws ValidationError on a bad address.
   */
  async requestSubscription(email: string, preferences: Preferences): Promise<SubscriptionRequest> {
    const { address, key } = normaliseEmail(email);
    const prefs = normalisePreferences(preferences);
    const now = new Date().toISOString();
    const fresh: Subscriber = {
      id: newSubscriberId(),
      email: address,
      status: 'pending',
      preferences: prefs,
      createdAt: now,
      updatedAt: now,
      statusChangedAt: now,
    };
    const keys: [string, string, string, string] = [
      this.emailIndex(),
      this.keys.suppressed(),
      this.recordKey(fresh.id),
      this.statusIndex('pending'),
    ];
    const [outcome, json] = await this.scripts.requestSubscription(keys, [
      key,
      this.hashOf(key),
      fresh.id,
      JSON.stringify(fresh),
      JSON.stringify(prefs),
      now,
      this.keys.recordPrefix(),
    ]);
    if (outcome === 'suppressed') return { answer: 'none', subscriber: fresh };
    const subscriber = parse(json);
    if (outcome === 'created' || outcome === 'updated') return { answer: 'confirm', subscriber };
    return { answer: subscriber.status === 'active' ? 'manage-link' : 'none', subscriber };
  }

  /** The subscriber with this id, or undefined (also for ids that cannot be ours). */
  async get(id: string): Promise<Subscriber | undefined> {
    if (!isSubscriberId(id)) return undefined;
    const raw = await this.redis.get(this.recordKey(id));
    return raw === null ? undefined : parse(raw);
  }

  /** Looks an address up case-insensitively; undefined for unknown or invalid addresses. */
  async findByEmail(email: string): Promise<Subscriber | undefined> {
    let key: string;
    try {
      key = normaliseEmail(email).key;
    } catch {
      return undefined;
    }
    const id = await this.redis.hget(this.emailIndex(), key);
    return id ? this.get(id) : undefined;
  }

  /**
   * Double opt-in: pending -> active. Repeating is harmless. An unsubscribed address is reactivated only by a
   * confirm link issued after it unsubscribed (`tokenIssuedAt`); bounced and complained ones never are.
   */
  async confirm(
    id: string,
    options: { tokenIssuedAt?: Date } = {},
  ): Promise<{ subscriber: Subscriber; outcome: ConfirmOutcome } | undefined> {
    let outcome: ConfirmOutcome = 'already-active';
    const subscriber = await this.mutate(id, (s, now) => {
      outcome = s.status === 'active' ? 'already-active' : 'suppressed';
      const issued = options.tokenIssuedAt?.getTime();
      const resubscribe =
        s.status === 'unsubscribed' &&
        issued !== undefined &&
        Math.floor(issued / 1000) >= Math.floor(Date.parse(s.statusChangedAt) / 1000);
      if (s.status !== 'pending' && !resubscribe) return s;
      outcome = 'confirmed';
      const { statusReason: _drop, ...rest } = s;
      return { ...rest, status: 'active', confirmedAt: now, updatedAt: now, statusChangedAt: now };
    });
    return subscriber ? { subscriber, outcome } : undefined;
  }

  /**
   * Replaces the preferences, or derives new ones from the current ones (`(current) => next`, retried on
   * conflict, so parallel read-modify-write updates all land). Returns undefined for an unknown id.
   */
  async updatePreferences(
    id: string,
    update: Preferences | ((current: Preferences) => Preferences),
  ): Promise<Subscriber | undefined> {
    return this.mutate(id, (s, now) => {
      const next = normalisePreferences(typeof update === 'function' ? update(s.preferences) : update);
      return samePreferences(next, s.preferences) ? s : { ...s, preferences: next, updatedAt: now };
    });
  }

  /**
   * Moves a subscriber to a status (unsubscribe, bounce, complaint; `active`/`pending` for operators). A weaker
   * suppression never replaces a stronger one. Returns whether anything changed and the status before, or
   * undefined for an unknown id.
   */
  async setStatus(
    id: string,
    status: SubscriberStatus,
    reason?: string,
  ): Promise<{ subscriber: Subscriber; changed: boolean; previous: SubscriberStatus } | undefined> {
    let changed = false;
    let previous: SubscriberStatus = status;
    const subscriber = await this.mutate(id, (s, now) => {
      changed = false;
      previous = s.status;
      if (s.status === status) return s;
      if (isSuppressed(status) && isSuppressed(s.status) && RANK[status] < RANK[s.status]) return s;
      changed = true;
      const { statusReason: _drop, ...rest } = s;
      const next: Subscriber = { ...rest, status, updatedAt: now, statusChangedAt: now };
      if (reason) next.statusReason = reason.slice(0, 200);
      if (status === 'active' && !next.confirmedAt) next.confirmedAt = now;
      return next;
    });
    return subscriber ? { subscriber, changed, previous } : undefined;
  }

  /**
   * Deletes the record, its notice markers and every index entry atomically. A bounced, complained or
   * unsubscribed subscriber leaves only a keyed hash of the address and that status behind (see suppression.ts),
   * so the address is never added or mailed again. True if there was something to erase.
   */
  async erase(id: string): Promise<boolean> {
    const subscriber = await this.get(id);
    if (!subscriber) return false;
    const { key } = normaliseEmail(subscriber.email);
    const keys = [
      this.recordKey(id),
      this.emailIndex(),
      this.keys.notices(id),
      this.keys.suppressed(),
      ...this.bucketKeys(),
      this.keys.lastSent(),
      ...SUBSCRIBER_STATUSES.map((s) => this.statusIndex(s)),
    ];
    return (await this.scripts.erase(keys, [id, key, this.hashOf(key), this.keys.bucketPrefix()])) === 1;
  }

  /** How many subscribers have each status (one ZCARD per status). */
  async countByStatus(): Promise<Record<SubscriberStatus, number>> {
    const pipeline = this.redis.pipeline();
    for (const status of SUBSCRIBER_STATUSES) pipeline.zcard(this.statusIndex(status));
    const results = (await pipeline.exec()) ?? [];
    const counts = {} as Record<SubscriberStatus, number>;
    SUBSCRIBER_STATUSES.forEach((status, i) => {
      const [error, value] = results[i] ?? [null, 0];
      if (error) throw error;
      counts[status] = Number(value);
    });
    return counts;
  }

  /**
   * Pages through one status in id order, `batchSize` records at a time, never holding more than one page.
   * Records whose status changed since they were indexed are left out. `after` resumes after a given id.
   */
  async *scanByStatus(
    status: SubscriberStatus,
    options: { batchSize?: number; after?: string } = {},
  ): AsyncGenerator<Subscriber[]> {
    const batchSize = Math.max(1, Math.min(options.batchSize ?? 500, 10_000));
    let min = options.after ? `(${options.after}` : '-';
    for (;;) {
      const ids = await this.redis.zrangebylex(this.statusIndex(status), min, '+', 'LIMIT', 0, batchSize);
      if (ids.length === 0) return;
      const page = (await this.getMany(ids)).filter((s) => s.status === status);
      if (page.length > 0) yield page;
      if (ids.length < batchSize) return;
      min = `(${ids[ids.length - 1]}`;
    }
  }

  /** The subscribers with these ids, in the same order, skipping unknown ids (MGET in chunks of 1,000). */
  async getMany(ids: readonly string[]): Promise<Subscriber[]> {
    const valid = ids.filter(isSubscriberId);
    const out: Subscriber[] = [];
    for (let i = 0; i < valid.length; i += 1000) {
      const chunk = valid.slice(i, i + 1000);
      const raws = await this.redis.mget(...chunk.map((id) => this.recordKey(id)));
      for (const raw of raws) if (raw !== null) out.push(parse(raw));
    }
    return out;
  }

  /** Read, change, compare-and-set; retried until it lands. `change` returns its input to mean "no change". */
  private async mutate(
    id: string,
    change: (current: Subscriber, now: string) => Subscriber,
  ): Promise<Subscriber | undefined> {
    if (!isSubscriberId(id)) return undefined;
    const key = this.recordKey(id);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const raw = await this.redis.get(key);
      if (raw === null) return undefined;
      const current = parse(raw);
      const next = change(current, new Date().toISOString());
      if (next === current) return current;
      const keys = [key, this.statusIndex(current.status), this.statusIndex(next.status), ...this.bucketKeys()];
      const args = [raw, JSON.stringify(next), id, this.keys.bucketPrefix(), sendBucketOf(next)];
      if ((await this.scripts.compareAndSet(keys, args)) === 1) return next;
    }
    throw new TransientError(`Too much contention updating subscriber ${id}`, 'store_contention');
  }
}

function parse(raw: string): Subscriber {
  return subscriberSchema.parse(JSON.parse(raw));
}
