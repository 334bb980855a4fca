import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Keyspace } from '../shared/keyspace.ts';
import type { RedisClient } from '../shared/redis.ts';

// Two Redis-side steps, shared by every worker and process, on Redis's clock:
// 1. RESERVE hands out evenly spaced slots, so requests are spread rather than bunched;
// 2. ADMIT, checked when a caller actually wakes, keeps a sliding log of real send times and refuses a send while
//    `max` sends already fall inside the window. A caller woken late (a busy event loop) can therefore never squeeze
//    a request in early, and a 429 holds every caller back (the `hold` key) for as long as the provider asked.
// Two lanes share the log. Digest requests RESERVE a slot first; transactional requests (a confirmation someone is
// waiting for) skip the queue of reserved slots and register in the `urgent` set while they wait, and a digest
// request is refused while anyone is registered there. So a transactional request takes the next free slot, ahead of
// every digest request already waiting, and waits seconds rather than the length of the send.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const RESERVE = `${NOW}
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, last + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], slot, 'PX', math.max(1000, slot - now + 60000))
return slot - now`;

// KEYS: log, urgent, hold, slot. ARGV: window, max, member, allowance, urgent (1/0), interval, urgent grace.
const ADMIT = `${NOW}
local window = tonumber(ARGV[1])
local urgent = ARGV[5] == '1'
local interval = tonumber(ARGV[6])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local wait = 0
local hold = tonumber(redis.call('GET', KEYS[3]) or '0')
if hold > now then
  wait = hold - now
elseif not urgent and redis.call('ZCARD', KEYS[2]) > 0 then
  wait = interval
elseif redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  wait = tonumber(oldest[2]) + window - now
elseif urgent then
  local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  if newest[2] then wait = tonumber(newest[2]) + interval - now end
end
if wait <= 0 then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  if urgent then
    redis.call('ZREM', KEYS[2], ARGV[3])
    -- The next digest slot keeps its distance from this send.
    if tonumber(redis.call('GET', KEYS[4]) or '0') < now then redis.call('SET', KEYS[4], now, 'PX', 60000) end
  end
  return 0
end
wait = math.max(1, wait)
if urgent then
  redis.call('ZADD', KEYS[2], now + wait + tonumber(ARGV[7]), ARGV[3])
  local latest = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
  redis.call('PEXPIRE', KEYS[2], tonumber(latest[2]) - now + 1000)
end
return wait`;

const PUSH_BACK = `${NOW}
local until_ = now + tonumber(ARGV[1])
local px = tonumber(ARGV[1]) + 60000
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > last then redis.call('SET', KEYS[1], until_, 'PX', px) end
if until_ > tonumber(redis.call('GET', KEYS[2]) or '0') then redis.call('SET', KEYS[2], until_, 'PX', px) end
return until_ - now`;

/** Which queue a provider request belongs to: transactional requests go ahead of digest requests. */
export type PacerLane = 'digest' | 'transactional';

/**
 * How long a waiting transactional request stays registered past its next wake-up: if its process dies, digests are
 * held back at most this much longer.
 */
const URGENT_GRACE_MS = 1000;

/** Headroom on the window: arrival jitter between our check and the provider's clock. */
const MARGIN = 1.03;
/**
 * A process's first request opens a new connection and arrives later than the rest; it is booked this much later in
 * the window, so the requests after it keep their distance from when it really arrives.
 */
const COLD_START_MS = 80;

export class SendPacer {
  private readonly max: number;
  private readonly windowMs: number;
  private readonly intervalMs: number;
  private cold = true;

  /** The installation's one pacer (every worker, the CLI): its keys live under `{prefix}:send:pacer`. */
  static shared(redis: RedisClient, keyspace: Keyspace, rate: number): SendPacer {
    return new SendPacer(redis, keyspace.key('send', 'pacer'), rate);
  }

  /** `rate` provider requests per second across all processes; 0 or Infinity disables pacing. */
  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    rate: number,
  ) {
    const enabled = rate > 0 && Number.isFinite(rate);
    this.max = enabled ? Math.max(1, Math.ceil(rate)) : 0;
    this.windowMs = enabled ? Math.ceil(((1000 * this.max) / rate) * MARGIN) : 0;
    this.intervalMs = enabled ? Math.ceil(this.windowMs / this.max) : 0;
  }

  /**
   * Waits until this caller may make one provider request. A `transactional` request takes the next free slot, ahead
   * of every `digest` request waiting (digests wait while any transactional request does).
   */
  async acquire(lane: PacerLane = 'digest'): Promise<void> {
    if (this.max === 0) return;
    const urgent = lane === 'transactional';
    if (!urgent) {
      const waitMs = (await this.redis.eval(RESERVE, 1, `${this.key}:slot`, this.intervalMs)) as number;
      if (waitMs > 0) await sleep(waitMs);
    }
    const member = randomBytes(8).toString('hex');
    const allowance = this.cold ? COLD_START_MS : 0;
    for (;;) {
      const more = (await this.redis.eval(
        ADMIT,
        4,
        `${this.key}:log`,
        `${this.key}:urgent`,
        `${this.key}:hold`,
        `${this.key}:slot`,
        this.windowMs,
        this.max,
        member,
        allowance,
        urgent ? 1 : 0,
        this.intervalMs,
        URGENT_GRACE_MS,
      )) as number;
      if (more === 0) {
        this.cold = false;
        return;
      }
      await sleep(more);
    }
  }

  /** No request is admitted for `ms` (the provider said to wait). */
  async pushBack(ms: number): Promise<void> {
    await this.redis.eval(PUSH_BACK, 2, `${this.key}:slot`, `${this.key}:hold`, Math.max(0, Math.round(ms)));
  }
}
