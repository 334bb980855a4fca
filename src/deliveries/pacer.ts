import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient } from '../shared/redis.ts';

// Two Redis-side steps, shared by every worker and process, on Redis's clock:
// 1. RESERVE hands out evenly spaced slots, so requests are spread rather than bunched;
// 2. ADMIT, checked when a caller actually wakes, keeps a sliding log of real send times and refuses a send while
//    `max` sends already fall inside the window. A caller woken late (a busy event loop) can therefore never squeeze
//    a request in early, and a 429 pushes every future slot back.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const RESERVE = `${NOW}
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, last + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], slot, 'PX', math.max(1000, slot - now + 60000))
return slot - now`;

const ADMIT = `${NOW}
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)`;

const PUSH_BACK = `${NOW}
local until_ = now + tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > last then redis.call('SET', KEYS[1], until_, 'PX', tonumber(ARGV[1]) + 60000) end
return until_ - now`;

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

  /** Waits until this caller may make one provider request. */
  async acquire(): Promise<void> {
    if (this.max === 0) return;
    const waitMs = (await this.redis.eval(RESERVE, 1, `${this.key}:slot`, this.intervalMs)) as number;
    if (waitMs > 0) await sleep(waitMs);
    const member = randomBytes(8).toString('hex');
    const allowance = this.cold ? COLD_START_MS : 0;
    for (;;) {
      const more = (await this.redis.eval(
        ADMIT,
        1,
        `${this.key}:log`,
        this.windowMs,
        this.max,
        member,
        allowance,
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
    await this.redis.eval(PUSH_BACK, 1, `${this.key}:slot`, Math.max(0, Math.round(ms)));
  }
}
