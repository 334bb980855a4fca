import { slotsAt, type LocalSlot } from '../shared/local-time.ts';
import { parseSendBucketId, type SendBucket } from '../subscribers/index.ts';

/** A send bucket whose local hour the tick serves, with the local day it is served for. */
export interface DueBucket {
  id: string;
  bucket: SendBucket;
  slot: LocalSlot;
}

/**
 * Which of `bucketIds` are due at the hourly tick `tick` (pure): a daily bucket when the tick serves its local hour
 * (see `slotsAt`: exactly once on every local day, DST changes included), a weekly one when that local hour falls on
 * its weekday. Ids that are not bucket ids are ignored.
 */
export function dueBuckets(bucketIds: Iterable<string>, tick: Date): DueBucket[] {
  const slotsByZone = new Map<string, ReturnType<typeof slotsAt>>();
  const due: DueBucket[] = [];
  for (const id of bucketIds) {
    const bucket = parseSendBucketId(id);
    if (!bucket) continue;
    let slots = slotsByZone.get(bucket.timeZone);
    if (!slots) {
      try {
        slots = slotsAt(bucket.timeZone, tick);
      } catch {
        slots = []; // a zone this runtime no longer knows: nothing is due (the web refuses to store one)
      }
      slotsByZone.set(bucket.timeZone, slots);
    }
    const slot = slots.find(
      (s) => s.hour === bucket.hour && (bucket.cadence === 'daily' || s.weekday === bucket.weekday),
    );
    if (slot) due.push({ id, bucket, slot });
  }
  return due.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
