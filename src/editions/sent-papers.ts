import type { Keyspace } from '../shared/keyspace.ts';
import type { RedisClient } from '../shared/redis.ts';
import type { Edition } from '../themes/index.ts';

// The paper ids of each edition that went out (`sent-papers`: edition id -> JSON array), and the order they went
// out in (`sent-papers:order`: edition id scored by the time sending started). Kept apart from the stored editions
// so the "no repeats" rule does not depend on how (or how long) editions are stored.
const papersKey = (ks: Keyspace) => ks.key('sent-papers');
const orderKey = (ks: Keyspace) => ks.key('sent-papers', 'order');
/** How many editions are remembered: the largest REPEAT_WINDOW_EDITIONS. */
export const SENT_PAPERS_KEPT = 60;

/** Every paper id an edition carries: its theme sections and "Also trending". */
export function editionPaperIds(edition: Edition): string[] {
  return [...edition.sections.flatMap((s) => s.papers), ...edition.other].map((p) => p.paper.id);
}

/**
 * Records that an edition went out (called once sending starts, when the edition is frozen). Recording it again
 * keeps its first place in the order, so a re-planned edition does not move. Only the last `SENT_PAPERS_KEPT`
 * editions are kept.
 */
export async function recordSentPapers(redis: RedisClient, ks: Keyspace, edition: Edition, at: Date): Promise<void> {
  await redis.hset(papersKey(ks), edition.date, JSON.stringify(editionPaperIds(edition)));
  await redis.zadd(orderKey(ks), 'NX', at.getTime(), edition.date);
  const forgotten = await redis.zrange(orderKey(ks), 0, -(SENT_PAPERS_KEPT + 1));
  if (forgotten.length > 0) {
    await redis.hdel(papersKey(ks), ...forgotten);
    await redis.zrem(orderKey(ks), ...forgotten);
  }
}

/** The paper ids of the last `count` editions that went out, other than `edition` itself. */
export async function recentlySentPapers(
  redis: RedisClient,
  ks: Keyspace,
  edition: string,
  count: number,
): Promise<Set<string>> {
  const sent = new Set<string>();
  if (count <= 0) return sent;
  const ids = (await redis.zrevrange(orderKey(ks), 0, count)).filter((id) => id !== edition).slice(0, count);
  if (ids.length === 0) return sent;
  for (const json of await redis.hmget(papersKey(ks), ...ids)) {
    if (!json) continue;
    for (const id of JSON.parse(json) as string[]) sent.add(id);
  }
  return sent;
}
