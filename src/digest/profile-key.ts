import { createHash } from 'node:crypto';
import type { Preferences } from '../subscribers/index.ts';

/**
 * A stable key for a preference profile: subscribers with the same choices share one composed and rendered digest.
 * Topics are de-duplicated and sorted first, so the same choices in any order give the same key.
 */
export function profileKey(prefs: Preferences): string {
  const canonical = JSON.stringify({ t: [...new Set(prefs.topics)].sort(), n: prefs.perTopic, a: prefs.alsoTrending });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
