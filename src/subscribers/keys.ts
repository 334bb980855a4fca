import type { Keyspace } from '../shared/keyspace.ts';
import type { SubscriberStatus } from './subscriber.ts';

/** The Redis keys of the subscriber list (one place, so the store, its scripts and its neighbours agree). */
export interface SubscriberKeys {
  /** The record, JSON: `sub:<id>`. */
  record(id: string): string;
  /** What every record key starts with (scripts that find a record by its id). */
  recordPrefix(): string;
  /** Per-subscriber notice markers (goodbye sent, ...): `sub:<id>:notices`, erased with the record. */
  notices(id: string): string;
  /** Hash: address key -> id. */
  emailIndex(): string;
  /** Sorted set of the ids with a status. */
  statusIndex(status: SubscriberStatus): string;
  /** Hash: keyed hash of an erased address -> the suppression it had (see suppression.ts). */
  suppressed(): string;
  /** Hash: send bucket id -> how many active subscribers it holds (see send-buckets.ts). */
  bucketRegistry(): string;
  /** Hash: subscriber id -> the send bucket it is in (only active subscribers with a delivery time). */
  bucketMembers(): string;
  /** Sorted sets (score 0, by id) of each bucket's subscribers: this prefix + the bucket id. */
  bucketPrefix(): string;
  /** Hash: subscriber id -> the last timed delivery planned (`<d|w>:<local date>:<edition>`), erased with the record. */
  lastSent(): string;
}

export function subscriberKeys(keyspace: Keyspace): SubscriberKeys {
  return {
    record: (id) => keyspace.key('sub', id),
    recordPrefix: () => `${keyspace.key('sub')}:`,
    notices: (id) => keyspace.key('sub', id, 'notices'),
    emailIndex: () => keyspace.key('subs', 'email'),
    statusIndex: (status) => keyspace.key('subs', 'status', status),
    suppressed: () => keyspace.key('subs', 'suppressed'),
    bucketRegistry: () => keyspace.key('subs', 'buckets'),
    bucketMembers: () => keyspace.key('subs', 'bucket-of'),
    bucketPrefix: () => `${keyspace.key('subs', 'bucket')}:`,
    lastSent: () => keyspace.key('subs', 'last-sent'),
  };
}
