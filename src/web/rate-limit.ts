import { createHash } from 'node:crypto';
import type { RedisClient } from '../shared/redis.ts';
import type { Keyspace } from '../shared/keyspace.ts';

// INCR and set the window's expiry on first use, atomically (a crash can never leave a counter without a TTL).
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

export interface RateLimitRule {
  /** A name for the counter: `subscribe-ip`, `subscribe-address`, ... */
  scope: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in Redis, shared by every web process. The identity (an IP, an address) is hashed before
 * it becomes part of a key, so rate-limit keys hold no addresses.
 */
export class RateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyspace: Keyspace,
  ) {}

  /** Counts one hit for `identity` under `rule`; `allowed` is false once the window's limit is passed. */
  async hit(rule: RateLimitRule, identity: string): Promise<RateLimitResult> {
    const digest = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
    const key = this.keyspace.key('web', 'rate', rule.scope, digest);
    const [count, ttl] = (await this.redis.eval(HIT, 1, key, rule.windowSeconds * 1000)) as [number, number];
    return { allowed: count <= rule.limit, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  }
}

/** The limits the web pages apply. */
export const RATE_LIMITS = {
  subscribePerIp: { scope: 'subscribe-ip', limit: 20, windowSeconds: 600 },
  subscribePerAddress: { scope: 'subscribe-address', limit: 3, windowSeconds: 3600 },
  freshLinkPerSubscriber: { scope: 'fresh-link', limit: 3, windowSeconds: 3600 },
} as const satisfies Record<string, RateLimitRule>;
