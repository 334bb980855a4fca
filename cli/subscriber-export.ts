import type { ReaderState } from '../src/relevance/index.ts';
import { csvLine, type Subscriber } from '../src/subscribers/index.ts';

/**
 * The columns of `subscribers export` (CSV). The first eight import again (`subscribers import`); the reader's
 * follows, mutes and votes follow, one entry per line inside the cell (an entry never holds a line break), and
 * import ignores them.
 */
export const EXPORT_COLUMNS = [
  'email',
  'topics',
  'per_topic',
  'also_trending',
  'status',
  'id',
  'created_at',
  'confirmed_at',
  'follow_keywords',
  'follow_authors',
  'follow_organizations',
  'mute_keywords',
  'votes',
] as const;

/** One vote in a CSV cell: `<more|less> <paper id> <edition date> <voted at>` (titles are in the JSON Lines export). */
const voteLine = (v: ReaderState['votes'][number]): string => `${v.vote} ${v.paperId} ${v.date} ${v.at}`;

/** A subscriber and their votes, follows and mutes as one CSV line. */
export function exportCsvLine(s: Subscriber, reader: ReaderState): string {
  const p = s.preferences;
  const i = reader.interests;
  return csvLine([
    s.email,
    p.topics.join(';'),
    String(p.perTopic),
    String(p.alsoTrending),
    s.status,
    s.id,
    s.createdAt,
    s.confirmedAt ?? '',
    i.keywords.join('\n'),
    i.authors.join('\n'),
    i.organizations.join('\n'),
    i.mutes.join('\n'),
    reader.votes.map(voteLine).join('\n'),
  ]);
}

/** A subscriber as one JSON line: the record, plus `reader` with every vote (with its paper's title) and the follows. */
export function exportJsonLine(s: Subscriber, reader: ReaderState): string {
  return `${JSON.stringify({ ...s, reader: { interests: reader.interests, votes: reader.votes } })}\n`;
}
