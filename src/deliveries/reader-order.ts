import { z } from 'zod';
import type { Digest } from '../digest/index.ts';
import { PermanentError } from '../shared/errors.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { ledgerKeys } from './ledger.ts';
import type { Edition, EditionPaper } from '../themes/index.ts';

/**
 * One reader's digest of an edition as fixed when their batch was first claimed: which papers, in which sections,
 * in which order, with which why lines, and how many the size guard left out. Papers by id; the edition (frozen once
 * sending starts) holds them. A retry builds the same digest from it whatever the reader voted since, so it sends
 * byte-identical emails under the same idempotency key.
 */
export const readerOrderSchema = z.object({
  /** "For you", when the reader has one. */
  f: z.array(z.string()).optional(),
  /** The sections in the reader's order: [theme id, paper ids]. */
  s: z.array(z.tuple([z.string(), z.array(z.string())])),
  /** "Also trending". */
  a: z.array(z.string()),
  /** Papers the size guard left out ("N more papers online"). */
  h: z.int().nonnegative().optional(),
  /** Paper id -> why line. */
  w: z.record(z.string(), z.string()).optional(),
  /** Set when the reader is sent nothing (SKIP_EMPTY_DIGEST and their mutes left no paper): why. */
  x: z.string().max(500).optional(),
});
export type ReaderOrder = z.infer<typeof readerOrderSchema>;

/** Where an edition's reader orders are kept: subscriber id -> order JSON. */
export const readerOrdersKey = (ks: Keyspace, date: string) => ledgerKeys(ks, date).orders;

const ids = (papers: readonly EditionPaper[]) => papers.map((ep) => ep.paper.id);

/** The order of a reader who is sent nothing this edition, and why. */
export function skipOrder(reason: string): ReaderOrder {
  return { s: [], a: [], x: reason.slice(0, 500) };
}

/** The order of a reader's (fitted) digest. */
export function orderOf(digest: Digest): ReaderOrder {
  const why = digest.why && Object.keys(digest.why).length > 0 ? digest.why : undefined;
  return {
    ...(digest.forYou && digest.forYou.length > 0 ? { f: ids(digest.forYou) } : {}),
    s: digest.sections.map((s) => [s.id, ids(s.papers)]),
    a: ids(digest.alsoTrending),
    ...(digest.hiddenPapers ? { h: digest.hiddenPapers } : {}),
    ...(why ? { w: { ...why } } : {}),
  };
}

/** Every paper of an edition by id (sections first, then "other"). */
export function editionPapers(edition: Edition): Map<string, EditionPaper> {
  const papers = new Map<string, EditionPaper>();
  for (const ep of [...edition.sections.flatMap((s) => s.papers), ...edition.other])
    if (!papers.has(ep.paper.id)) papers.set(ep.paper.id, ep);
  return papers;
}

/**
 * The digest a stored order stands for. A paper or theme the edition does not hold is a PermanentError: the
 * edition changed under a batch in flight, and sending something else than what was fixed would be worse.
 */
export function digestOfOrder(
  edition: Edition,
  papers: ReadonlyMap<string, EditionPaper>,
  profileKey: string,
  order: ReaderOrder,
): Digest {
  const paper = (id: string) => {
    const ep = papers.get(id);
    if (!ep)
      throw new PermanentError(`paper ${id} of a stored reader order is not in edition ${edition.date}`, 'order_stale');
    return ep;
  };
  const sections = order.s.map(([id, paperIds]) => {
    const section = edition.sections.find((s) => s.id === id);
    if (!section)
      throw new PermanentError(`theme ${id} of a stored reader order is not in edition ${edition.date}`, 'order_stale');
    return {
      id: section.id,
      label: section.label,
      description: section.description,
      papers: paperIds.map(paper),
    };
  });
  const forYou = order.f?.map(paper);
  const paperCount = (forYou?.length ?? 0) + sections.reduce((n, s) => n + s.papers.length, 0);
  return {
    date: edition.date,
    days: edition.days,
    profileKey,
    sections,
    alsoTrending: order.a.map(paper),
    paperCount,
    ...(forYou && forYou.length > 0 ? { forYou } : {}),
    ...(order.w ? { why: order.w } : {}),
    ...(order.h ? { hiddenPapers: order.h } : {}),
  };
}
