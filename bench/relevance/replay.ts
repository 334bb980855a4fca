// Replays real days with simulated readers: each day every reader gets their digest, is scored on it (precision@5
// against the hidden interests), and votes on what they were shown; the next day's digest learns from the votes.
import type { Paper } from '../../src/papers/index.ts';
import { composeDigest, type ComposeResult } from '../../src/digest/index.ts';
import {
  documentFrequencies,
  MAX_VOTES,
  paperTerms,
  personalDigest,
  withTerms,
  type DocumentFrequencies,
  type ModelOptions,
  type ReaderState,
  type ReaderVote,
} from '../../src/relevance/index.ts';
import { buildEdition, type Edition } from '../../src/themes/index.ts';
import { encodeVector, topTerms } from '../../src/relevance/vector.ts';
import type { RealDay } from '../classify/shared-data.ts';
import { isRelevant, READERS, seededRandom, type SimulatedReader } from './readers.ts';

/** What a reader looks at (the top of the email), and how likely they vote on a relevant / irrelevant paper. */
export const SEEN = 5;
export const P_MORE = 0.5;
export const P_LESS = 0.2;
const AT_K = 5;

export interface Variant {
  name: string;
  model: ModelOptions;
  /** Terms stored per vote (default: the store's). */
  vectorTerms?: number;
  /** Document frequencies from this many previous editions added to the edition's own (0: edition only). */
  priorEditions?: number;
  /** Choose a vote's stored terms by tf-idf over the previous editions (priorEditions) instead of tf alone. */
  idfAtVote?: boolean;
}

export interface DayRun {
  date: string;
  papers: number;
  /** Mean precision@5 over the readers, by series name. */
  p5: Record<string, number>;
}

export interface ReplayResult {
  days: DayRun[];
  /** Per series, per reader: precision@5 per day. */
  perReader: Record<string, number[][]>;
  /** Per variant: CPU microseconds per personalDigest call, and stored bytes per vote. */
  cost: Record<string, { microsPerDigest: number; bytesPerVote: number; maxBytesPerReader: number }>;
}

/** The editions the pipeline would build: one per list day, leaving out papers the last 7 editions carried. */
export function replayEditions(days: readonly RealDay[], repeatWindow = 7): Edition[] {
  const editions: Edition[] = [];
  for (const day of days) {
    const alreadySent = new Set(editions.slice(-repeatWindow).flatMap((e) => shownIds(everything(e))));
    editions.push(buildEdition(day.date, day.papers, { alreadySent, now: new Date(`${day.date}T20:00:00Z`) }));
  }
  return editions;
}

const everything = (e: Edition) => [...e.sections.flatMap((s) => s.papers), ...e.other];
const shownIds = (papers: { paper: Paper }[]) => papers.map((p) => p.paper.id);

/** The papers of a digest in the order the email shows them. */
export function shownOrder(result: ComposeResult): Paper[] {
  if (result.kind === 'skip') return [];
  const d = result.digest;
  return [...(d.forYou ?? []), ...d.sections.flatMap((s) => s.papers), ...d.alsoTrending].map((p) => p.paper);
}

const precision = (reader: SimulatedReader, papers: Paper[]) =>
  papers.slice(0, AT_K).filter((p) => isRelevant(reader, p)).length / AT_K;

/** The baselines: today's digest as shown, the reader's candidates by popularity, and the best possible. */
function baselines(editions: Edition[]): Record<string, number[][]> {
  const out: Record<string, number[][]> = { popularity: [], 'popularity (all topics)': [], oracle: [] };
  for (const reader of READERS) {
    const shown: number[] = [];
    const top: number[] = [];
    const best: number[] = [];
    for (const edition of editions) {
      const d = composeDigest(edition, reader.prefs, { skipEmpty: true });
      shown.push(precision(reader, shownOrder(d)));
      const wide = composeDigest(edition, { ...reader.prefs, perTopic: 100 }, { skipEmpty: true });
      const candidates = shownOrder(wide).sort((a, b) => b.upvotes - a.upvotes);
      top.push(precision(reader, candidates));
      best.push(Math.min(AT_K, candidates.filter((p) => isRelevant(reader, p)).length) / AT_K);
    }
    out.popularity?.push(shown);
    out['popularity (all topics)']?.push(top);
    out.oracle?.push(best);
  }
  return out;
}

function priors(editions: Edition[], window: number): (DocumentFrequencies | undefined)[] {
  if (window <= 0) return editions.map(() => undefined);
  const vectors = editions.map((e) => everything(e).map((p) => paperTerms(p.paper)));
  return editions.map((_, i) => documentFrequencies(vectors.slice(Math.max(0, i - window), i).flat()));
}

/** One variant over every day and reader. */
function runVariant(editions: Edition[], variant: Variant) {
  const prior = priors(editions, variant.priorEditions ?? 0);
  const perReader: number[][] = [];
  let micros = 0;
  let calls = 0;
  let voteBytes = 0;
  let voteCount = 0;
  let maxBytes = 0;
  READERS.forEach((reader, r) => {
    const random = seededRandom(1000 + r);
    const state: ReaderState = { votes: [], interests: reader.interests };
    const scores: number[] = [];
    editions.forEach((edition, i) => {
      const p = prior[i];
      const model = p && !variant.idfAtVote ? { ...variant.model, prior: p } : variant.model;
      const started = process.cpuUsage();
      const digest = personalDigest({ edition, prefs: reader.prefs, reader: state, skipEmpty: true, model });
      const used = process.cpuUsage(started);
      micros += used.user + used.system;
      calls++;
      const shown = shownOrder(digest);
      scores.push(precision(reader, shown));
      for (const paper of shown.slice(0, SEEN)) {
        const relevant = isRelevant(reader, paper);
        if (random() >= (relevant ? P_MORE : P_LESS)) continue;
        const vote: ReaderVote = {
          paperId: paper.id,
          date: edition.date,
          vote: relevant ? 'more' : 'less',
          title: paper.title,
          at: `${edition.date}T12:00:00.000Z`,
        };
        const stored =
          variant.idfAtVote && p ? withIdfTerms(vote, paper, p) : withTerms(vote, paper, variant.vectorTerms);
        voteBytes += JSON.stringify(stored).length;
        voteCount++;
        state.votes = [...state.votes, stored].slice(-MAX_VOTES);
      }
    });
    maxBytes = Math.max(
      maxBytes,
      state.votes.reduce((n, v) => n + JSON.stringify(v).length, 0),
    );
    perReader.push(scores);
  });
  return {
    perReader,
    cost: {
      microsPerDigest: micros / calls,
      bytesPerVote: voteBytes / Math.max(1, voteCount),
      maxBytesPerReader: maxBytes,
    },
  };
}

/** A vote whose stored terms were chosen by tf-idf (document frequencies of recent editions). */
function withIdfTerms(vote: ReaderVote, paper: Paper, prior: DocumentFrequencies): ReaderVote {
  const idf = (t: string) => Math.log(1 + prior.docs / (1 + (prior.df.get(t) ?? 0)));
  return { ...vote, terms: encodeVector(topTerms(paperTerms(paper), undefined, idf)) };
}

/** Replays every variant (and the baselines) over the editions. */
export function replay(editions: Edition[], variants: readonly Variant[]): ReplayResult {
  const perReader = baselines(editions);
  const cost: ReplayResult['cost'] = {};
  for (const v of variants) {
    const run = runVariant(editions, v);
    perReader[v.name] = run.perReader;
    cost[v.name] = run.cost;
  }
  const days = editions.map((e, i) => {
    const p5: Record<string, number> = {};
    for (const [name, rows] of Object.entries(perReader)) p5[name] = mean(rows.map((row) => row[i] ?? 0));
    return { date: e.date, papers: e.counts.papers, p5 };
  });
  return { days, perReader, cost };
}

export const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
