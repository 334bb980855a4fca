// The edition seen by the relevance model: which papers have each term. Built once per edition object (cached), so
// personalising 100,000 digests of one edition reads its papers once; a reader's digest then only looks up the
// terms of their profile.
import type { Edition, EditionPaper } from '../themes/index.ts';
import { paperTerms } from './terms.ts';

export interface EditionIndex {
  /** Every paper of the edition (sections, then other), by id. */
  papers: Map<string, EditionPaper>;
  /** The paper ids in index order (the positions `postings` refer to). */
  ids: string[];
  /** Paper id -> its position in `ids`. */
  position: ReadonlyMap<string, number>;
  /** Term -> positions (in `ids`) of the papers that have it. Its length is the term's document frequency. */
  postings: ReadonlyMap<string, readonly number[]>;
  /** Highest popularity score in the edition (for scaling). */
  maxScore: number;
}

const cache = new WeakMap<Edition, EditionIndex>();

/** The edition's index (cached per edition object). */
export function editionIndex(edition: Edition): EditionIndex {
  let index = cache.get(edition);
  if (!index) {
    index = buildIndex(edition);
    cache.set(edition, index);
  }
  return index;
}

function buildIndex(edition: Edition): EditionIndex {
  const papers = new Map<string, EditionPaper>();
  for (const ep of [...edition.sections.flatMap((s) => s.papers), ...edition.other]) {
    if (!papers.has(ep.paper.id)) papers.set(ep.paper.id, ep);
  }
  const ids = [...papers.keys()];
  const postings = new Map<string, number[]>();
  ids.forEach((id, i) => {
    const ep = papers.get(id);
    if (!ep) return;
    for (const term of paperTerms(ep.paper).keys()) {
      const list = postings.get(term);
      if (list) list.push(i);
      else postings.set(term, [i]);
    }
  });
  const maxScore = Math.max(0, ...[...papers.values()].map((p) => p.score));
  const position = new Map(ids.map((id, i) => [id, i]));
  return { papers, ids, position, postings, maxScore };
}
