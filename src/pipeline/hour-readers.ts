import type { Keyspace } from '../shared/keyspace.ts';
import type { RedisClient } from '../shared/redis.ts';
import { addDays } from '../shared/dates.ts';
import {
  scanSendBucket,
  sendBucketOf,
  subscriberKeys,
  type Subscriber,
  type SubscriberStore,
} from '../subscribers/index.ts';
import type { DueBucket } from './due-buckets.ts';

export interface ReaderCounts {
  /** Already had a delivery this local day (this week, for a weekly reader). */
  notToday: number;
  /** Already had the edition (an hour changed, an edition with no successor yet). */
  alreadyHad: number;
}

/**
 * Whether a reader may be planned now, from their last timed delivery (`<d|w>:<local date>:<edition>`): `new`, or
 * `again` when it is this very run (a retry of the hour: planning again adds nothing), or `no`. A reader gets at most
 * one digest per local day, and a weekly reader one round-up per 7 local days.
 */
export function lastSentAllows(
  marker: string | null,
  run: { cadence: 'd' | 'w'; date: string; edition: string },
): 'new' | 'again' | 'no' {
  if (!marker) return 'new';
  const [cadence, date = '', edition] = marker.split(':');
  if (cadence === run.cadence && date === run.date && edition === run.edition) return 'again';
  if (date >= run.date) return 'no';
  if (run.cadence === 'w' && cadence === 'w' && addDays(date, 7) > run.date) return 'no';
  return 'new';
}

/**
 * The readers of the due buckets to plan for `edition`, in chunks: active, still in that bucket, allowed by their
 * last delivery and not holding the edition yet. Each one's marker is written before it is yielded (so a crash
 * after it leaves `again`, never a second digest that day).
 */
export async function* dueReaders(
  deps: { redis: RedisClient; ks: Keyspace; store: SubscriberStore; ledgerKey: string },
  buckets: readonly DueBucket[],
  edition: string,
  counts: ReaderCounts,
): AsyncGenerator<Subscriber[]> {
  const lastSent = subscriberKeys(deps.ks).lastSent();
  for (const due of buckets) {
    const run = {
      cadence: due.bucket.cadence === 'weekly' ? ('w' as const) : ('d' as const),
      date: due.slot.date,
      edition,
    };
    const marker = `${run.cadence}:${run.date}:${edition}`;
    for await (const ids of scanSendBucket(deps.redis, deps.ks, due.id)) {
      const subs = (await deps.store.getMany(ids)).filter((s) => sendBucketOf(s) === due.id);
      if (subs.length === 0) continue;
      const markers = await deps.redis.hmget(lastSent, ...subs.map((s) => s.id));
      const had = await deps.redis.hmget(deps.ledgerKey, ...subs.map((s) => s.id));
      const chosen: Subscriber[] = [];
      subs.forEach((s, i) => {
        const allows = lastSentAllows(markers[i] ?? null, run);
        if (allows === 'no') counts.notToday += 1;
        else if (allows === 'new' && had[i] !== null) counts.alreadyHad += 1;
        else chosen.push(s);
      });
      if (chosen.length === 0) continue;
      await deps.redis.hset(lastSent, Object.fromEntries(chosen.map((s) => [s.id, marker])));
      yield chosen;
    }
  }
}
