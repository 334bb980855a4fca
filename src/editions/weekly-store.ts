import { gzipSync } from 'node:zlib';
import type { Config } from '../config/index.ts';
import { PermanentError } from '../shared/errors.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import type { RedisClient } from '../shared/redis.ts';
import type { Edition } from '../themes/index.ts';
import { loadEdition } from './edition-store.ts';
import { buildWeeklyEdition, weeklyEditionId, weeklyWindow } from './weekly-edition.ts';

// Stored exactly like a daily edition (`edition:<id>`, gzipped JSON, `frozenAt` once sending starts), so the send
// path loads it unchanged; but it stays out of the archive index of daily editions (`editions`), which the web
// archive, /admin and the "no repeats" rule read.
const SAVE_UNLESS_FROZEN = `
if redis.call('HEXISTS', KEYS[1], 'frozenAt') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'gz', ARGV[1])
local ttl = tonumber(ARGV[2])
if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) else redis.call('PERSIST', KEYS[1]) end
return 1`;

/**
 * The weekly round-up whose newest list day is `lastDay`, built from the stored daily editions of its window and
 * stored (kept EDITION_RETENTION_DAYS). Once sending has started it is frozen and returned unchanged, so every hour
 * and every retry sends the same round-up. Throws when no daily edition of the window is stored.
 */
export async function buildStoredWeekly(
  redis: RedisClient,
  ks: Keyspace,
  config: Pick<Config, 'retention'>,
  lastDay: string,
  now: Date = new Date(),
): Promise<Edition> {
  const id = weeklyEditionId(lastDay);
  const stored = await loadEdition(redis, ks, id);
  if (stored?.frozenAt) return stored;
  const dailies: Edition[] = [];
  for (const day of weeklyWindow(lastDay)) {
    const daily = await loadEdition(redis, ks, day);
    if (daily) dailies.push(daily);
  }
  if (dailies.length === 0)
    throw new PermanentError(`no daily edition of the week up to ${lastDay} is stored`, 'edition_missing');
  const edition = buildWeeklyEdition(lastDay, dailies, { now });
  const { frozenAt: _drop, ...body } = edition;
  const saved = await redis.eval(
    SAVE_UNLESS_FROZEN,
    1,
    ks.key('edition', id),
    gzipSync(JSON.stringify(body)),
    config.retention.editionSeconds,
  );
  if (saved === 1) return edition;
  const frozen = await loadEdition(redis, ks, id);
  if (!frozen) throw new PermanentError(`weekly edition ${id} vanished while frozen`, 'edition_missing');
  return frozen;
}
