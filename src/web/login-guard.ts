import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { RedisClient } from '../shared/redis.ts';
import type { Keyspace } from '../shared/keyspace.ts';

/** Failed logins an address gets without any wait (typos). */
export const FREE_FAILURES = 5;
/** The longest wait, reached after about 17 failures: from then on one guess an hour. */
export const LOCKOUT_SECONDS = 3600;
/** Failures are forgotten a day after the last one (or at once after a successful login). */
const FORGET_MS = 24 * 3600 * 1000;

// KEYS[1]: the address's record. ARGV: now (ms), free failures, lockout (ms), forget (ms).
// One more failure: from the (free+1)th on, the address must wait 1 s, 2 s, 4 s, ... up to the lockout.
const FAIL = `
local n = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local wait = 0
if n > tonumber(ARGV[2]) then
  wait = math.min(1000 * 2 ^ (n - tonumber(ARGV[2]) - 1), tonumber(ARGV[3]))
end
redis.call('HSET', KEYS[1], 'until', tonumber(ARGV[1]) + wait)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
return {n, wait}`;

/**
 * The one identity per client the guard counts: the IP address, or for IPv6 its /64 (one subscriber line gets a
 * whole /64, so counting single IPv6 addresses would give an attacker 2^64 fresh starts).
 */
export function loginIdentity(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const full = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${full
    .slice(0, 4)
    .map((h) => h.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Slows down password guessing at the admin door, per client address: after FREE_FAILURES failed logins each
 * further failure makes the address wait twice as long before it may try again (1 s, 2 s, 4 s, ... up to
 * LOCKOUT_SECONDS). While it waits, every login from it is refused unchecked, the right password included, so
 * guesses cost the attacker time and us nothing (no held connections). Other addresses are never affected, so an
 * attacker cannot lock the operator out. State is in Redis, shared by every web process.
 */
export class LoginGuard {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyspace: Keyspace,
    private readonly now: () => Date,
  ) {}

  private key(ip: string): string {
    const digest = createHash('sha256').update(loginIdentity(ip)).digest('base64url').slice(0, 22);
    return this.keyspace.key('web', 'login', digest);
  }

  /** How long `ip` must still wait (0: it may try), and whether it has failures on record. */
  async status(ip: string): Promise<{ waitSeconds: number; failures: number }> {
    const [failures, until] = await this.redis.hmget(this.key(ip), 'failures', 'until');
    const waitMs = Number(until ?? 0) - this.now().getTime();
    return { waitSeconds: waitMs > 0 ? Math.ceil(waitMs / 1000) : 0, failures: Number(failures ?? 0) };
  }

  /** Records a failed login; returns how many seconds the address must now wait. */
  async failed(ip: string): Promise<number> {
    const [, wait] = (await this.redis.eval(
      FAIL,
      1,
      this.key(ip),
      this.now().getTime(),
      FREE_FAILURES,
      LOCKOUT_SECONDS * 1000,
      FORGET_MS,
    )) as [number, number];
    return Math.ceil(wait / 1000);
  }

  /** A successful login clears the address's record. */
  async succeeded(ip: string): Promise<void> {
    await this.redis.del(this.key(ip));
  }
}
