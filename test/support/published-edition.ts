import { freezeEdition, saveEdition } from '../../src/editions/index.ts';
import { loadSampleDay, type Paper } from '../../src/papers/index.ts';
import type { Keyspace } from '../../src/shared/keyspace.ts';
import type { RedisClient } from '../../src/shared/redis.ts';
import { buildEdition, type Edition } from '../../src/themes/index.ts';

/**
 * Stores an edition of the bundled synthetic papers (our own, in the real API shape) for `date` and freezes it
 * (sending started), so it is published on the web. `papers` lets a test rewrite the papers (links, titles).
 */
export async function publishEdition(
  redis: RedisClient,
  ks: Keyspace,
  date: string,
  options: { frozenAt?: Date; days?: string[]; papers?: (papers: Paper[]) => Paper[]; freeze?: boolean } = {},
): Promise<Edition> {
  const sample = loadSampleDay().papers;
  const papers = options.papers ? options.papers(sample) : sample;
  const edition = buildEdition(date, papers, { now: new Date(`${date}T06:00:00Z`), days: options.days ?? [date] });
  await saveEdition(redis, ks, edition);
  if (options.freeze === false) return edition;
  const frozenAt = await freezeEdition(redis, ks, date, options.frozenAt ?? new Date(`${date}T07:00:00Z`));
  return { ...edition, frozenAt };
}
