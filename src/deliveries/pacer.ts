import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

// Hands out send slots spaced `interval` ms apart on Redis's clock, shared by every worker and process. A slot is
// reserved atomically, so N workers together never exceed the rate; a 429 pushes every future slot back.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, last + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], slot, 'PX', math.max(1000, slot - now + 60000))
return slot - now`;

const PUSH_BACK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ = now + tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > last then redis.call('SET', KEYS[1], until_, 'PX', tonumber(ARGV[1]) + 60000) end
return until_ - now`;

/** Fraction of the configured rate actually used: a small margin keeps network jitter from bunching requests. */
const SAFETY = 0.97;

export class SendPacer {
  private readonly intervalMs: number;

  /** `rate` provider requests per second across all processes; 0 or Infinity disables pacing. */
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    rate: number,
  ) {
    this.intervalMs = rate > 0 && Number.isFinite(rate) ? Math.ceil(1000 / (rate * SAFETY)) : 0;
  }

  /** Waits for this caller's slot. */
  async acquire(): Promise<void> {
    if (this.intervalMs === 0) return;
    const waitMs = (await this.redis.eval(RESERVE, 1, this.key, this.intervalMs)) as number;
    if (waitMs > 0) await sleep(waitMs);
  }

  /** No slot is handed out for `ms` (the provider said to wait). */
  async pushBack(ms: number): Promise<void> {
    await this.redis.eval(PUSH_BACK, 1, this.key, Math.max(0, Math.round(ms)));
  }
}
