import type { RedisClient } from '../shared/redis.ts';
import type { Config } from '../config/index.ts';
import { loadDay, retainDay } from '../papers/index.ts';
import type { Paper } from '../papers/index.ts';
import { PermanentError } from '../shared/errors.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { buildEdition, type Edition } from '../themes/index.ts';
import { editionDays } from './coverage.ts';
import { loadEdition, saveEdition } from './edition-store.ts';
import { recentlySentPapers } from './sent-papers.ts';

/**
 * Builds the edition from its stored list days and stores it. The days are those the edition claimed (see
 * `claimDays`; an edition that never claimed any covers its own date). Their papers are merged (a paper listed on
 * two of the days once, from the newest), papers the last `editions.repeatWindow` editions that went out already
 * carried are left out, and the rest is classified and ranked. Once sending has started the stored edition is
 * frozen and returned unchanged, so what was sent is what the record shows. The days' papers are kept
 * PAPERS_RETENTION_DAYS from this build (for a rebuild before sending); the edition is kept EDITION_RETENTION_DAYS
 * (0: forever).
 */
export async function buildStoredEdition(
  redis: RedisClient,
  ks: Keyspace,
  config: Pick<Config, 'ranking' | 'editions' | 'retention'>,
  date: string,
): Promise<{ edition: Edition; rebuilt: boolean }> {
  const frozen = await loadEdition(redis, ks, date);
  if (frozen?.frozenAt) {
    for (const day of frozen.days) await retainDay(redis, ks, day, config.retention.papersSeconds);
    return { edition: frozen, rebuilt: false };
  }
  const days = (await editionDays(redis, ks, date)) ?? [date];
  const papers: Paper[] = [];
  for (const day of [...days].sort().reverse()) {
    const stored = await loadDay(redis, ks, day);
    if (!stored) throw new PermanentError(`no papers stored for ${day}; fetch them first`, 'papers_missing');
    papers.push(...stored.papers);
    await retainDay(redis, ks, day, config.retention.papersSeconds);
  }
  const alreadySent = await recentlySentPapers(redis, ks, date, config.editions.repeatWindow);
  const edition = buildEdition(date, papers, { ranking: config.ranking, days, alreadySent });
  const saved = await saveEdition(redis, ks, edition, config.retention.editionSeconds);
  if (saved === 'frozen') {
    const now = await loadEdition(redis, ks, date);
    if (!now) throw new PermanentError(`edition ${date} vanished while frozen`, 'edition_missing');
    return { edition: now, rebuilt: false };
  }
  return { edition, rebuilt: true };
}
