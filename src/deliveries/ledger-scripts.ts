// Lua scripts of the send ledger. Each runs atomically in Redis, so a crash between two steps can never leave a
// delivery counted twice or lost. Records are small JSON objects: s status, p profile, b batch, id provider id,
// a attempts, e last error, r skip reason, t updated (ms), ev/evAt the last provider event, u when an attempt's
// outcome first became unknown (a timeout or reset after the request left: the provider may have sent it).
// Every key a script creates gets the configured delivery retention (`ttl`, seconds) in the same step, so no crash
// can leave an edition's keys without an expiry; the finish step and operator retries refresh it (DeliveryLedger.retain).

/** Shared helper: move a record from one status to another and keep the counts hash in step. */
const MOVE = `
local function move(counts, from, to)
  if from then redis.call('HINCRBY', counts, from, -1) end
  if to then redis.call('HINCRBY', counts, to, 1) end
end`;

/** KEYS: ledger, counts, planList, listsSet. ARGV: now, profile, ttl, id... -> how many were new. */
export const PLAN_RECIPIENTS = `${MOVE}
local added = 0
for i = 4, #ARGV do
  local rec = cjson.encode({s='queued', p=ARGV[2], a=0, t=tonumber(ARGV[1])})
  if redis.call('HSETNX', KEYS[1], ARGV[i], rec) == 1 then
    redis.call('RPUSH', KEYS[3], ARGV[i])
    move(KEYS[2], nil, 'queued')
    added = added + 1
  end
end
redis.call('SADD', KEYS[4], KEYS[3])
for k = 1, 4 do redis.call('EXPIRE', KEYS[k], tonumber(ARGV[3])) end
return added`;

/** KEYS: ledger, counts. ARGV: now, reason, onlyIfQueued ('1'|'0'), profile, ttl, id... -> how many were marked. */
export const MARK_SKIPPED = `${MOVE}
local n = 0
for i = 6, #ARGV do
  local raw = redis.call('HGET', KEYS[1], ARGV[i])
  if not raw then
    if ARGV[3] == '0' then
      redis.call('HSET', KEYS[1], ARGV[i], cjson.encode({s='skipped', r=ARGV[2], p=ARGV[4], a=0, t=tonumber(ARGV[1])}))
      move(KEYS[2], nil, 'skipped')
      n = n + 1
    end
  else
    local rec = cjson.decode(raw)
    if rec.s == 'queued' then
      move(KEYS[2], rec.s, 'skipped')
      rec.s = 'skipped'; rec.r = ARGV[2]; rec.t = tonumber(ARGV[1])
      redis.call('HSET', KEYS[1], ARGV[i], cjson.encode(rec))
      n = n + 1
    end
  end
end
if n > 0 then for k = 1, 2 do redis.call('EXPIRE', KEYS[k], tonumber(ARGV[5])) end end
return n`;

/**
 * Claims recipients for one batch. KEYS: ledger, counts, batchKey. ARGV: now, batchId, ttlSeconds, id...
 * The first attempt fixes the batch's recipients in batchKey; a retry re-reads them, so the payload (and its
 * idempotency key) stays the same. Sent records are never claimed again. Returns the claimed ids.
 */
export const CLAIM_BATCH = `${MOVE}
local candidates = {}
local stored = redis.call('GET', KEYS[3])
if stored then candidates = cjson.decode(stored) else for i = 4, #ARGV do candidates[#candidates + 1] = ARGV[i] end end
local claimed = {}
for _, id in ipairs(candidates) do
  local raw = redis.call('HGET', KEYS[1], id)
  if raw then
    local rec = cjson.decode(raw)
    local mine = rec.b == ARGV[2] and (rec.s == 'sending' or rec.s == 'failed' or rec.s == 'unknown')
    -- A first attempt takes queued records; a retry (stored recipients) only its own, so its payload never grows.
    if (not stored and rec.s == 'queued') or mine then
      move(KEYS[2], rec.s, 'sending')
      rec.s = 'sending'; rec.b = ARGV[2]; rec.t = tonumber(ARGV[1])
      redis.call('HSET', KEYS[1], id, cjson.encode(rec))
      claimed[#claimed + 1] = id
    end
  end
end
if not stored then redis.call('SET', KEYS[3], cjson.encode(claimed), 'EX', tonumber(ARGV[3])) end
return claimed`;

/**
 * Records outcomes. KEYS: ledger, counts, failedSet, then the provider-id index key of each 'sent' outcome, in order
 * (every key a script touches is declared, so a Redis Cluster can redirect the whole script during a reshard instead
 * of failing it half-way). ARGV: now, batchId, providerTtl, date, then triples (id, 'sent'|'failed'|'skipped',
 * providerId|reason). Only records this batch holds are changed.
 */
export const MARK_OUTCOMES = `${MOVE}
local n = 0
local sent = 3
for i = 5, #ARGV, 3 do
  local id, status, value = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local providerKey
  if status == 'sent' then sent = sent + 1; providerKey = KEYS[sent] end
  local raw = redis.call('HGET', KEYS[1], id)
  if raw then
    local rec = cjson.decode(raw)
    if rec.b == ARGV[2] and rec.s == 'sending' then
      move(KEYS[2], rec.s, status)
      rec.s = status; rec.t = tonumber(ARGV[1])
      if status ~= 'skipped' then rec.a = (rec.a or 0) + 1 end
      if status == 'sent' then
        rec.id = value; rec.e = nil; rec.u = nil
        redis.call('SREM', KEYS[3], id)
        redis.call('SET', providerKey, ARGV[4] .. '|' .. id, 'EX', tonumber(ARGV[3]))
      elseif status == 'skipped' then
        rec.r = value; rec.e = nil; rec.u = nil
        redis.call('SREM', KEYS[3], id)
      else
        rec.e = value
        redis.call('SADD', KEYS[3], id)
      end
      redis.call('HSET', KEYS[1], id, cjson.encode(rec))
      n = n + 1
    end
  end
end
redis.call('EXPIRE', KEYS[3], tonumber(ARGV[3]))
return n`;

/**
 * A failed attempt of a whole batch. KEYS: ledger, counts, failedSet. ARGV: now, batchId, error, final, ttl,
 * ambiguous, id... An ambiguous error (the request may have reached the provider) marks the record unknown-since-now,
 * and a final attempt then ends as 'unknown' rather than 'failed': only the same batch, under the same idempotency
 * key, may send it again.
 */
export const RECORD_ATTEMPT_ERROR = `${MOVE}
for i = 7, #ARGV do
  local raw = redis.call('HGET', KEYS[1], ARGV[i])
  if raw then
    local rec = cjson.decode(raw)
    if rec.b == ARGV[2] and rec.s == 'sending' then
      rec.a = (rec.a or 0) + 1; rec.e = ARGV[3]; rec.t = tonumber(ARGV[1])
      if ARGV[6] == '1' and not rec.u then rec.u = tonumber(ARGV[1]) end
      if ARGV[4] == '1' then
        local to = rec.u and 'unknown' or 'failed'
        move(KEYS[2], 'sending', to); rec.s = to
        redis.call('SADD', KEYS[3], ARGV[i])
      end
      redis.call('HSET', KEYS[1], ARGV[i], cjson.encode(rec))
    end
  end
end
redis.call('EXPIRE', KEYS[3], tonumber(ARGV[5]))
return 1`;

/**
 * Puts failed records back in the queue, in a new list, for an operator retry (new batches, new idempotency keys).
 * Unknown records move only with includeUnknown = '1' (past the provider's idempotency window, by choice).
 * KEYS: ledger, counts, failedSet, list, listsSet. ARGV: now, ttl, includeUnknown, id... The edition's keys live
 * another full retention from here.
 */
export const REQUEUE_FAILED = `${MOVE}
local moved = 0
for i = 4, #ARGV do
  local raw = redis.call('HGET', KEYS[1], ARGV[i])
  if raw then
    local rec = cjson.decode(raw)
    if rec.s == 'failed' or (rec.s == 'unknown' and ARGV[3] == '1') then
      move(KEYS[2], rec.s, 'queued')
      rec.s = 'queued'; rec.b = nil; rec.u = nil; rec.t = tonumber(ARGV[1])
      redis.call('HSET', KEYS[1], ARGV[i], cjson.encode(rec))
      redis.call('SREM', KEYS[3], ARGV[i])
      redis.call('RPUSH', KEYS[4], ARGV[i])
      moved = moved + 1
    end
  end
end
redis.call('SADD', KEYS[5], KEYS[4])
for k = 1, 5 do redis.call('EXPIRE', KEYS[k], tonumber(ARGV[2])) end
return moved`;

/** Removes one subscriber from an edition's ledger. KEYS: ledger, counts, failedSet. ARGV: id. */
export const ERASE_RECORD = `${MOVE}
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local rec = cjson.decode(raw)
move(KEYS[2], rec.s, nil)
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
return 1`;

/**
 * A batch's idempotency key. KEYS: the batch's key record (hash: k the key, n how many of its recipients were
 * recorded sent when it was stored), the ledger, the batch's recipient list. ARGV: key, ttl, batchId. The stored key,
 * unless the provider has answered an attempt since (more recipients of this batch recorded sent): what is left was
 * answered for, and goes under ARGV[1], stored in its turn. No key stored yet: ARGV[1], stored.
 */
export const SEND_KEY = `
local sent = 0
local list = redis.call('GET', KEYS[3])
if list then
  for _, id in ipairs(cjson.decode(list)) do
    local raw = redis.call('HGET', KEYS[2], id)
    if raw then
      local rec = cjson.decode(raw)
      if rec.b == ARGV[3] and rec.s == 'sent' then sent = sent + 1 end
    end
  end
end
local stored = redis.call('HMGET', KEYS[1], 'k', 'n')
if stored[1] and tonumber(stored[2]) == sent then return stored[1] end
redis.call('HSET', KEYS[1], 'k', ARGV[1], 'n', sent)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
return ARGV[1]`;
