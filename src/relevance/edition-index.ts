// The edition seen by the relevance model: every paper's term vector and the inverse document frequencies. Built
// once per edition object (cached), so personalising 100,000 digests of one edition reads its papers once.
import type { Edition, EditionPaper } from '../themes/index.ts';
import { paperTerms, type TermVector } from './terms.ts';

/** Document frequencies from elsewhere (e.g. recent editions), added to the edition's own. */
export interface DocumentFrequencies {
  docs: number;
  df: ReadonlyMap<string, number>;
}

/**
 * A stored vector weighed by the edition's idf and scaled to unit length, keeping only the terms the edition has
 * (the others can never match): small, and cheap to build for 200 votes without a map per vote.
 */
export function editionUnit(encoded: TermVector | string, index: EditionIndex): TermVector {
  if (typeof encoded !== 'string') return unitAgainst(encoded, index);
  // Readers vote on the same papers, so the same stored vectors recur across an edition's readers: weigh each once.
  let known = units.get(index);
  if (!known) {
    known = new Map();
    units.set(index, known);
  }
  let unit = known.get(encoded);
  if (!unit) {
    unit = unitAgainst(encoded, index);
    if (known.size >= MAX_CACHED_UNITS) known.delete(known.keys().next().value!);
    known.set(encoded, unit);
  }
  return unit;
}

const units = new WeakMap<EditionIndex, Map<string, TermVector>>();
// Each kept vector also keeps its similarity to every paper (see `similarities`): a few MB at most per edition.
const MAX_CACHED_UNITS = 5_000;

function unitAgainst(encoded: TermVector | string, index: EditionIndex): TermVector {
  const out: TermVector = new Map();
  let s = 0;
  const visit = (term: string, w: number) => {
    const idf = index.idfs.get(term);
    const x = w * (idf ?? index.idf(term));
    s += x * x;
    if (idf !== undefined) out.set(term, x);
  };
  if (typeof encoded === 'string') {
    for (const part of encoded.split(';')) {
      const eq = part.lastIndexOf('=');
      const w = eq > 0 ? Number(part.slice(eq + 1)) : NaN;
      if (w > 0) visit(part.slice(0, eq), w);
    }
  } else {
    for (const [t, w] of encoded) visit(t, w);
  }
  const n = Math.sqrt(s);
  if (n > 0) for (const [t, x] of out) out.set(t, x / n);
  return out;
}

export interface EditionIndex {
  /** Every paper of the edition (sections, then other), by id. */
  papers: Map<string, EditionPaper>;
  /** Raw term frequencies per paper id. */
  terms: Map<string, TermVector>;
  /** tf-idf, unit length, per paper id. */
  unit: Map<string, TermVector>;
  idf(term: string): number;
  /** The idf of each term in the edition: the only terms that can match one of its papers. */
  idfs: ReadonlyMap<string, number>;
  /** Highest popularity score in the edition (for scaling). */
  maxScore: number;
}

/** Counts in how many of `vectors` each term occurs. */
export function documentFrequencies(vectors: Iterable<TermVector>): DocumentFrequencies {
  const df = new Map<string, number>();
  let docs = 0;
  for (const v of vectors) {
    docs++;
    for (const t of v.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return { docs, df };
}

/** Smoothed idf: ln(1 + N / (1 + df)); a term never seen gets the highest weight. */
export function idfOf(stats: DocumentFrequencies, prior?: DocumentFrequencies): (term: string) => number {
  const docs = stats.docs + (prior?.docs ?? 0);
  return (term) => Math.log(1 + docs / (1 + (stats.df.get(term) ?? 0) + (prior?.df.get(term) ?? 0)));
}

/** Scales a vector to unit length (empty stays empty). */
export function unitOf(v: TermVector, weigh: (term: string) => number): TermVector {
  const out: TermVector = new Map();
  let s = 0;
  for (const [t, w] of v) {
    const x = w * weigh(t);
    out.set(t, x);
    s += x * x;
  }
  const n = Math.sqrt(s);
  if (n > 0) for (const [t, x] of out) out.set(t, x / n);
  return out;
}

/** Dot product, iterating the smaller side. */
export function dot(a: TermVector, b: TermVector): number {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  let s = 0;
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) s += w * o;
  }
  return s;
}

const similarityCache = new WeakMap<TermVector, Map<string, number>>();

/**
 * The dot product of a unit vector with each paper of the edition, by paper id: once per vector object, and the
 * vectors of stored votes are shared by every reader who voted on that paper (see `editionUnit`). A vector belongs
 * to the index it was weighed against (`editionUnit` keeps them per index), so the vector alone is the key.
 */
export function similarities(unit: TermVector, index: EditionIndex): ReadonlyMap<string, number> {
  let sims = similarityCache.get(unit);
  if (!sims) {
    sims = new Map();
    for (const [id, u] of index.unit) sims.set(id, dot(unit, u));
    similarityCache.set(unit, sims);
  }
  return sims;
}

const cache = new WeakMap<Edition, WeakMap<object, EditionIndex>>();
const NO_PRIOR = {};

/** The edition's index (cached per edition object and prior). */
export function editionIndex(edition: Edition, prior?: DocumentFrequencies): EditionIndex {
  let byPrior = cache.get(edition);
  if (!byPrior) {
    byPrior = new WeakMap();
    cache.set(edition, byPrior);
  }
  const key = prior ?? NO_PRIOR;
  let index = byPrior.get(key);
  if (!index) {
    index = buildIndex(edition, prior);
    byPrior.set(key, index);
  }
  return index;
}

function buildIndex(edition: Edition, prior?: DocumentFrequencies): EditionIndex {
  const papers = new Map<string, EditionPaper>();
  for (const ep of [...edition.sections.flatMap((s) => s.papers), ...edition.other]) {
    if (!papers.has(ep.paper.id)) papers.set(ep.paper.id, ep);
  }
  const terms = new Map<string, TermVector>();
  for (const [id, ep] of papers) terms.set(id, paperTerms(ep.paper));
  const stats = documentFrequencies(terms.values());
  const idf = idfOf(stats, prior);
  const idfs = new Map([...stats.df.keys()].map((t) => [t, idf(t)]));
  const unit = new Map<string, TermVector>();
  for (const [id, v] of terms)
    unit.set(
      id,
      unitOf(v, (t) => idfs.get(t) ?? idf(t)),
    );
  const maxScore = Math.max(0, ...[...papers.values()].map((p) => p.score));
  return { papers, terms, unit, idf, idfs, maxScore };
}
