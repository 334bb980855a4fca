import type { RedisClient } from '../shared/redis.ts';
import { recentEditionDates } from '../editions/index.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { readerOrdersKey } from './reader-order.ts';
import { DeliveryLedger, ledgerKeys } from './ledger.ts';

// Stores the latest provider event on a ledger record without touching its status or counts.
const SET_EVENT = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local rec = cjson.decode(raw)
rec.ev = ARGV[2]; rec.evAt = ARGV[3]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(rec))
return 1`;

// Removes one subscriber id from batch keys (JSON arrays of the ids a batch claimed), keeping each key's TTL; an
// emptied batch keeps '[]', so a retry of it still finds its (now smaller) recipient list. KEYS: batch keys. ARGV: id.
const STRIP_FROM_BATCHES = `
local changed = 0
for _, key in ipairs(KEYS) do
  local raw = redis.call('GET', key)
  if raw then
    local kept, found = {}, false
    for _, id in ipairs(cjson.decode(raw)) do
      if id == ARGV[1] then found = true else kept[#kept + 1] = id end
    end
    if found then
      redis.call('SET', key, #kept == 0 and '[]' or cjson.encode(kept), 'KEEPTTL')
      changed = changed + 1
    end
  end
end
return changed`;

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

/** The batch keys of one edition (`{prefix}:batch:<date>:<batchId>`), found with SCAN. */
async function batchKeys(redis: RedisClient, ks: Keyspace, date: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', ks.key('batch', date, '*'), 'COUNT', 1000);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  return keys;
}

/**
 * Removes every trace of one subscriber from the deliveries, across all editions (erasure): the provider-id index
 * entry of each message sent to them, their id in every batch's recipient list, then the ledger record and plan
 * lists, and their reader order. The record goes last, so an erase interrupted half-way finds the provider id again when run once more.
 * Returns how many delivery records were removed.
 */
export async function eraseSubscriberDeliveries(
  redis: RedisClient,
  ks: Keyspace,
  subscriberId: string,
): Promise<number> {
  const ledger = new DeliveryLedger(redis, ks);
  let removed = 0;
  for (const date of await recentEditionDates(redis, ks, 100_000)) {
    const record = await ledger.get(date, subscriberId);
    if (record?.providerId) await redis.del(ledgerKeys(ks, date).providerPrefix + record.providerId);
    const batches = await batchKeys(redis, ks, date);
    for (let i = 0; i < batches.length; i += 500) {
      const chunk = batches.slice(i, i + 500);
      await redis.eval(STRIP_FROM_BATCHES, chunk.length, ...chunk, subscriberId);
    }
    if (await ledger.erase(date, subscriberId)) removed += 1;
    await redis.hdel(readerOrdersKey(ks, date), subscriberId);
  }
  return removed;
}

/**
 * Deletes a subscriber's own digest orders (their why lines may name what they follow). Run again once their record
 * is gone: a send in flight stores an order only while the record exists (see reader-assembler.ts), so after that
 * sweep none can come back.
 */
export async function eraseReaderOrders(redis: RedisClient, ks: Keyspace, subscriberId: string): Promise<void> {
  for (const date of await recentEditionDates(redis, ks, 100_000))
    await redis.hdel(readerOrdersKey(ks, date), subscriberId);
}
