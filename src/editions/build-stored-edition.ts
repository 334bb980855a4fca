import type { RedisClient } from '../shared/redis.ts';
import type { Config } from '../config/index.ts';
import { loadDay, retainDay } from '../papers/index.ts';
import { PermanentError } from '../shared/errors.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { buildEdition, type Edition } from '../themes/index.ts';
import { loadEdition, saveEdition } from './edition-store.ts';

/**
 * Builds the edition from the stored day and stores it. Once sending has started the stored edition is frozen and
 * returned unchanged, so what was sent is what the record shows. The day's papers are kept PAPERS_RETENTION_DAYS
 * from this build (for a rebuild before sending); the edition is kept EDITION_RETENTION_DAYS (0: forever).
 */
export async function buildStoredEdition(
  redis: RedisClient,
  ks: Keyspace,
  config: Pick<Config, 'ranking' | 'retention'>,
  date: string,
): Promise<{ edition: Edition; rebuilt: boolean }> {
  const day = await loadDay(redis, ks, date);
  if (!day) throw new PermanentError(`no papers stored for ${date}; fetch them first`, 'papers_missing');
  await retainDay(redis, ks, date, config.retention.papersSeconds);
  const edition = buildEdition(date, day.papers, { ranking: config.ranking });
  const saved = await saveEdition(redis, ks, edition, config.retention.editionSeconds);
  if (saved === 'frozen') {
    const frozen = await loadEdition(redis, ks, date);
    if (!frozen) throw new PermanentError(`edition ${date} vanished while frozen`, 'edition_missing');
    return { edition: frozen, rebuilt: false };
  }
  return { edition, rebuilt: true };
}
