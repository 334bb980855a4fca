import { compareRanked, type Edition, type EditionPaper, type ThemeId } from '../themes/index.ts';
import type { Preferences } from '../subscribers/index.ts';
import { profileKey } from './profile-key.ts';
import type { ComposeResult, DigestSection } from './types.ts';

export interface ComposeOptions {
  /** When true, a digest with no papers at all is skipped (with a reason) instead of composed empty. */
  skipEmpty: boolean;
}

/**
 * What one preference profile receives from an edition.
 *
 * - Sections follow the edition's (taxonomy) order, only for chosen topics, and only when they have papers.
 * - A paper appears at most once: under its primary theme when chosen, otherwise under its first chosen secondary
 *   theme (secondaries are ordered by score); each section holds the best `perTopic` papers by rank.
 * - "Also trending" (when asked for) is the top `perTopic` `other` papers not already shown.
 * - With `skipEmpty`, a digest with no papers is a `skip` carrying the reason.
 */
export function composeDigest(edition: Edition, prefs: Preferences, options: ComposeOptions): ComposeResult {
  const key = profileKey(prefs);
  const chosen = new Set<ThemeId>(prefs.topics);
  const home = (p: EditionPaper): ThemeId | undefined =>
    chosen.has(p.classification.theme) ? p.classification.theme : p.classification.secondary.find((s) => chosen.has(s));

  const buckets = new Map<ThemeId, EditionPaper[]>();
  for (const paper of edition.sections.flatMap((s) => s.papers)) {
    const id = home(paper);
    if (id === undefined) continue;
    const bucket = buckets.get(id) ?? [];
    bucket.push(paper);
    buckets.set(id, bucket);
  }

  const shown = new Set<string>();
  const sections: DigestSection[] = [];
  for (const section of edition.sections) {
    if (!chosen.has(section.id)) continue;
    const papers = (buckets.get(section.id) ?? [])
      .filter((p) => !shown.has(p.paper.id))
      .sort(compareRanked)
      .slice(0, prefs.perTopic);
    if (papers.length === 0) continue;
    for (const p of papers) shown.add(p.paper.id);
    sections.push({ id: section.id, label: section.label, description: section.description, papers });
  }

  const alsoTrending = prefs.alsoTrending
    ? edition.other.filter((p) => !shown.has(p.paper.id)).slice(0, prefs.perTopic)
    : [];
  const paperCount = sections.reduce((n, s) => n + s.papers.length, 0);
  if (options.skipEmpty && paperCount + alsoTrending.length === 0) {
    return { kind: 'skip', reason: emptyReason(edition, prefs, chosen), profileKey: key };
  }
  return { kind: 'digest', digest: { date: edition.date, profileKey: key, sections, alsoTrending, paperCount } };
}

function emptyReason(edition: Edition, prefs: Preferences, chosen: Set<ThemeId>): string {
  const known = edition.sections.filter((s) => chosen.has(s.id)).map((s) => s.id);
  if (known.length === 0 && !prefs.alsoTrending) return 'no topics chosen and "Also trending" is off';
  const topics = known.length > 0 ? `no papers in the chosen topics (${known.join(', ')})` : 'no topics chosen';
  return prefs.alsoTrending
    ? `${topics} and none trending elsewhere on ${edition.date}`
    : `${topics} on ${edition.date}`;
}
