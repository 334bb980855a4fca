import type { RedisClient } from '../shared/redis.ts';
import { composeDigest, profileKey } from '../digest/index.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import type { Logger } from '../shared/logger.ts';
import type { Preferences, Subscriber, SubscriberStore } from '../subscribers/index.ts';
import type { Edition } from '../themes/index.ts';
import { cutBatches, type SendBatchRef } from './batches.ts';
import { ledgerKeys, type DeliveryLedger } from './ledger.ts';

export interface PlanDeps {
  redis: RedisClient;
  ks: Keyspace;
  store: SubscriberStore;
  ledger: DeliveryLedger;
  /** Bound to the edition (`date`), as the job loggers are: lines here do not repeat it. */
  logger: Logger;
  skipEmptyDigest: boolean;
  batchSize: number;
  /** Subscribers read per step; the whole list is never in memory. */
  chunkSize?: number;
  /** Who to plan, in chunks (default: every active subscriber); e.g. the readers of the send buckets due now. */
  source?: AsyncIterable<Subscriber[]>;
  /** Leaves out the subscribers it returns false for (e.g. readers with their own delivery time). */
  include?: (subscriber: Subscriber) => boolean;
  /** The recipient list a profile's readers go into (default: the profile key); e.g. one list per send hour. */
  listId?: (profileKey: string) => string;
}

export interface PlanResult {
  planned: number;
  skipped: number;
  profiles: number;
  batches: SendBatchRef[];
}

/** Where a profile's preferences are kept for the senders (profile key -> preferences JSON). */
export const profilesKey = (ks: Keyspace, date: string) => ledgerKeys(ks, date).profiles;

/**
 * Plans an edition: streams the active subscribers in chunks, composes each preference profile's digest once,
 * records every recipient in the ledger (queued, or skipped with the reason) and cuts each profile's list into
 * batches. Safe to run again after a crash: recipients already in the ledger stay where they are.
 */
export async function planEdition(deps: PlanDeps, edition: Edition): Promise<PlanResult> {
  const { ledger, store, redis, ks } = deps;
  const date = edition.date;
  const outcomes = new Map<string, { prefs: Preferences; skip: string | undefined }>();
  let planned = 0;
  let skipped = 0;
  const listId = deps.listId ?? ((key: string) => key);
  const source = deps.source ?? store.scanByStatus('active', { batchSize: deps.chunkSize ?? 1000 });
  for await (const chunk of source) {
    const byProfile = new Map<string, string[]>();
    const skips = new Map<string, string[]>();
    for (const sub of chunk) {
      if (deps.include && !deps.include(sub)) continue;
      const key = profileKey(sub.preferences);
      let outcome = outcomes.get(key);
      if (!outcome) {
        const composed = composeDigest(edition, sub.preferences, { skipEmpty: deps.skipEmptyDigest });
        outcome = { prefs: sub.preferences, skip: composed.kind === 'skip' ? composed.reason : undefined };
        outcomes.set(key, outcome);
        if (!outcome.skip) {
          const profiles = profilesKey(ks, date);
          await redis
            .multi()
            .hset(profiles, key, JSON.stringify(sub.preferences))
            .expire(profiles, ledger.retentionSeconds)
            .exec();
        }
      }
      const target = outcome.skip ? skips : byProfile;
      const list = target.get(outcome.skip ? `${key}\u0000${outcome.skip}` : key) ?? [];
      list.push(sub.id);
      target.set(outcome.skip ? `${key}\u0000${outcome.skip}` : key, list);
    }
    for (const [key, ids] of byProfile)
      planned += await ledger.plan(date, key, ids, ledger.keys(date).planList(listId(key)));
    for (const [composite, ids] of skips) {
      const [key, reason] = composite.split('\u0000') as [string, string];
      skipped += await ledger.skip(date, ids, reason, { profileKey: key, newOnly: true });
    }
  }
  const batches: SendBatchRef[] = [];
  const profileKeys = [...outcomes]
    .filter(([, o]) => !o.skip)
    .map(([k]) => k)
    .sort();
  for (const key of profileKeys) {
    const length = await redis.llen(ledger.keys(date).planList(listId(key)));
    batches.push(...cutBatches(listId(key), key, length, deps.batchSize));
  }
  deps.logger.info({ planned, skipped, profiles: outcomes.size, batches: batches.length }, 'planned deliveries');
  return { planned, skipped, profiles: outcomes.size, batches };
}
