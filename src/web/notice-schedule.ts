import type { RedisClient } from '../shared/redis.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { subscriberKeys } from '../subscribers/index.ts';

/**
 * Decides whether and when a subscriber is sent a notice (an email they did not ask for by name), so that a
 * manage or unsubscribe link cannot be used to flood an inbox. It only decides; sending is someone else's job
 * (today the web's background work, later a mail queue), and every decision lives in Redis, so it holds across
 * web processes and restarts.
 *
 * - "Preferences saved" is coalesced: the first change opens a window; the one notice is due at its end and
 *   carries whatever the preferences are then; changes inside the window ride along. So there is at most one such
 *   email per subscriber per window, and it always tells the latest state (first-sent-then-suppressed would leave
 *   a later change, possibly someone else's, unreported).
 * - A goodbye is sent at most once per subscriber, ever.
 */
export class NoticeSchedule {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyspace: Keyspace,
    private readonly options: { preferencesWindowSeconds: number; now: () => Date },
  ) {}

  /** Sorted set: subscriber id -> when its preferences notice is due (ms). */
  private dueKey(): string {
    return this.keyspace.key('web', 'notices', 'preferences-saved');
  }

  /** Per-subscriber notice markers, erased with the subscriber (see SubscriberStore.erase). */
  private markersKey(subscriberId: string): string {
    return subscriberKeys(this.keyspace).notices(subscriberId);
  }

  /**
   * Records a preferences change. Returns when its notice is due when this change opened a window, or undefined
   * when a notice is already due (it will carry this change too).
   */
  async preferencesChanged(subscriberId: string): Promise<Date | undefined> {
    const due = this.options.now().getTime() + this.options.preferencesWindowSeconds * 1000;
    const added = await this.redis.zadd(this.dueKey(), 'NX', due, subscriberId);
    return added === 1 ? new Date(due) : undefined;
  }

  /** Takes the due preferences notice of a subscriber: true exactly once per window, whichever process asks. */
  async takePreferencesNotice(subscriberId: string): Promise<boolean> {
    return (await this.redis.zrem(this.dueKey(), subscriberId)) === 1;
  }

  /** Every preferences notice not yet sent, with when it is due (to pick them up again after a restart). */
  async pendingPreferencesNotices(): Promise<{ subscriberId: string; dueAt: Date }[]> {
    const flat = await this.redis.zrange(this.dueKey(), 0, -1, 'WITHSCORES');
    const out: { subscriberId: string; dueAt: Date }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2)
      out.push({ subscriberId: flat[i]!, dueAt: new Date(Number(flat[i + 1])) });
    return out;
  }

  /** True the first time it is asked for a subscriber, false ever after: whether a goodbye may go out. */
  async firstGoodbye(subscriberId: string): Promise<boolean> {
    const now = this.options.now().toISOString();
    return (await this.redis.hsetnx(this.markersKey(subscriberId), 'goodbye', now)) === 1;
  }
}
