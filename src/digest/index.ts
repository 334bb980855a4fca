// TEMPORARY foundation version; the themes issue replaces the internals, keeping these exports.
import { createHash } from 'node:crypto';
import type { Edition } from '../themes/index.ts';
import type { Preferences } from '../subscribers/preferences.ts';
import type { ComposeResult } from './types.ts';

export * from './types.ts';

/** A stable key for a preference profile: the same choices in any order give the same key. */
export function profileKey(prefs: Preferences): string {
  const canonical = JSON.stringify({ t: [...new Set(prefs.topics)].sort(), n: prefs.perTopic, a: prefs.alsoTrending });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** What one profile receives from an edition. */
export function composeDigest(edition: Edition, prefs: Preferences, options: { skipEmpty: boolean }): ComposeResult {
  const key = profileKey(prefs);
  const alsoTrending = prefs.alsoTrending ? edition.other.slice(0, prefs.perTopic) : [];
  if (alsoTrending.length === 0 && options.skipEmpty)
    return { kind: 'skip', reason: 'no papers in the chosen topics', profileKey: key };
  return { kind: 'digest', digest: { date: edition.date, profileKey: key, sections: [], alsoTrending, paperCount: 0 } };
}
