import type { RedisClient } from '../shared/redis.ts';
import { recentEditionDates } from '../editions/index.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { DeliveryLedger, ledgerKeys } from './ledger.ts';

// Stores the latest provider event on a ledger record without touching its status or counts.
const SET_EVENT = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local rec = cjson.decode(raw)
rec.ev = ARGV[2]; rec.evAt = ARGV[3]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(rec))
return 1`;

export interface DeliveryEvent {
  /** The provider's message id (Resend `email_id`). */
  providerId: string;
  /** e.g. `email.delivered`, `email.bounced`. */
  type: string;
  at: string;
  /** Tags we sent with the message: `edition` (date) and `subscriber` (id). */
  tags?: Record<string, string> | undefined;
}

/** Records a provider event against the delivery it belongs to. Returns false when no delivery matches. */
export async function recordDeliveryEvent(redis: RedisClient, ks: Keyspace, event: DeliveryEvent): Promise<boolean> {
  let date = event.tags?.edition;
  let subscriberId = event.tags?.subscriber;
  if (!date || !subscriberId) {
    const found = await redis.get(ledgerKeys(ks, '').providerPrefix + event.providerId);
    if (!found) return false;
    [date, subscriberId] = found.split('|') as [string, string];
  }
  const updated = await redis.eval(SET_EVENT, 1, ledgerKeys(ks, date).ledger, subscriberId, event.type, event.at);
  return updated === 1;
}

/** Removes every delivery record of one subscriber, across all editions (erasure). Returns how many. */
export async function eraseSubscriberDeliveries(
  redis: RedisClient,
  ks: Keyspace,
  subscriberId: string,
): Promise<number> {
  const ledger = new DeliveryLedger(redis, ks);
  let removed = 0;
  for (const date of await recentEditionDates(redis, ks, 100_000)) {
    if (await ledger.erase(date, subscriberId)) removed += 1;
  }
  return removed;
}
