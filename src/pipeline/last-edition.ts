import type { Keyspace } from '../shared/keyspace.ts';
import type { RedisClient } from '../shared/redis.ts';

/** The last edition that finished, as /metrics exports it ("did today's digest go out?"). */
export interface LastEdition {
  date: string;
  /** When its finish step completed (ms since the epoch). */
  finishedAt: number;
  sent: number;
  failed: number;
  unknown: number;
  skipped: number;
}

const lastEditionKey = (ks: Keyspace) => ks.key('metrics', 'last-edition');

/** Records a finished edition in one small hash (overwritten by the next one to finish). */
export async function recordLastEdition(
  redis: RedisClient,
  ks: Keyspace,
  summary: Omit<LastEdition, 'finishedAt'>,
  finishedAt: Date = new Date(),
): Promise<void> {
  await redis.hset(lastEditionKey(ks), {
    date: summary.date,
    finishedAt: finishedAt.getTime(),
    sent: summary.sent,
    failed: summary.failed,
    unknown: summary.unknown,
    skipped: summary.skipped,
  });
}

/** The last finished edition, or undefined before the first one. */
export async function readLastEdition(redis: RedisClient, ks: Keyspace): Promise<LastEdition | undefined> {
  const h = await redis.hgetall(lastEditionKey(ks));
  if (!h.date || !h.finishedAt) return undefined;
  const n = (v: string | undefined) => Number(v ?? 0);
  return {
    date: h.date,
    finishedAt: n(h.finishedAt),
    sent: n(h.sent),
    failed: n(h.failed),
    unknown: n(h.unknown),
    skipped: n(h.skipped),
  };
}
