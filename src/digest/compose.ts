import { compareRanked, type Edition, type EditionPaper, type ThemeId } from '../themes/index.ts';
import type { Preferences } from '../subscribers/index.ts';
import { profileKey } from './profile-key.ts';
import type { ComposeResult, DigestSection } from './types.ts';

export interface ComposeOptions {
  /** When true, a digest with no papers at all is skipped (with a reason) instead of composed empty. */
  skipEmpty: boolean;
  /**
   * A reader's own ranking (see relevance/personal.ts): which papers may appear, and their order, in the sections
   * and in "Also trending". Absent, every paper may appear in the edition's rank order.
   */
  ranking?: { keep: (p: EditionPaper) => boolean; compare: (a: EditionPaper, b: EditionPaper) => number };
}

/**
 * What one preference profile receives from an edition.
 *
 * - One section per chosen topic, in the edition's (taxonomy) order, empty when the topic has no papers this time
 *   (the email then says so in its place, and its footer names every chosen topic).
 * - A paper appears at most once: under its primary theme when chosen, otherwise under its first chosen secondary
 *   theme (secondaries are ordered by score); each section holds the best `perTopic` papers by rank.
 * - "Also trending" (when asked for) is the top `perTopic` `other` papers not already shown.
 * - With `skipEmpty`, a digest with no papers at all (every chosen topic empty, and "Also trending" off or empty)
 *   is a `skip` carrying the reason; one whose topics are empty but "Also trending" has papers is sent.
 */
export function composeDigest(edition: Edition, prefs: Preferences, options: ComposeOptions): ComposeResult {
  const key = profileKey(prefs);
  const chosen = new Set<ThemeId>(prefs.topics);
  const home = (p: EditionPaper): ThemeId | undefined =>
    chosen.has(p.classification.theme) ? p.classification.theme : p.classification.secondary.find((s) => chosen.has(s));

  const keep = options.ranking?.keep;
  const compare = options.ranking?.compare ?? compareRanked;
  const buckets = new Map<ThemeId, EditionPaper[]>();
  for (const paper of edition.sections.flatMap((s) => s.papers)) {
    if (keep && !keep(paper)) continue;
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
      .sort(compare)
      .slice(0, prefs.perTopic);
    for (const p of papers) shown.add(p.paper.id);
    sections.push({ id: section.id, label: section.label, description: section.description, papers });
  }

  // The edition keeps "other" in rank order; a reader's ranking sorts it their way.
  const others = keep ? edition.other.filter(keep).sort(compare) : edition.other;
  const alsoTrending = prefs.alsoTrending ? others.filter((p) => !shown.has(p.paper.id)).slice(0, prefs.perTopic) : [];
  const paperCount = sections.reduce((n, s) => n + s.papers.length, 0);
  if (options.skipEmpty && paperCount + alsoTrending.length === 0) {
    return { kind: 'skip', reason: emptyReason(edition, prefs, chosen), profileKey: key };
  }
  return {
    kind: 'digest',
    digest: { date: edition.date, days: edition.days, profileKey: key, sections, alsoTrending, paperCount },
  };
}

/** "2025-11-24", or "2025-11-21 to 2025-11-23" for an edition of several days. */
function span(edition: Edition): string {
  const first = edition.days[0] ?? edition.date;
  const last = edition.days.at(-1) ?? edition.date;
  return first === last ? last : `${first} to ${last}`;
}

function emptyReason(edition: Edition, prefs: Preferences, chosen: Set<ThemeId>): string {
  const known = edition.sections.filter((s) => chosen.has(s.id)).map((s) => s.id);
  if (known.length === 0 && !prefs.alsoTrending) return 'no topics chosen and "Also trending" is off';
  const topics = known.length > 0 ? `no papers in the chosen topics (${known.join(', ')})` : 'no topics chosen';
  return prefs.alsoTrending
    ? `${topics} and none trending elsewhere on ${span(edition)}`
    : `${topics} on ${span(edition)} and "Also trending" is off`;
}
