// Replays real days with simulated readers: each day every reader gets their digest, is scored on it (precision@5
// against the hidden interests), and votes on what they were shown; the next day's digest learns from the votes.
// The digest is made as the sender makes it: from the reader's stored profile (rebuilt from the votes on every
// vote, as ReaderStore does), not from the votes themselves.
import type { Paper } from '../../src/papers/index.ts';
import { composeDigest, type ComposeResult } from '../../src/digest/index.ts';
import {
  buildProfile,
  MAX_VOTES,
  personalDigest,
  withTerms,
  type ModelOptions,
  type ReaderProfile,
  type ReaderState,
  type ReaderVote,
} from '../../src/relevance/index.ts';
import { editionIndex } from '../../src/relevance/edition-index.ts';
import { buildEdition, type Edition } from '../../src/themes/index.ts';
import type { RealDay } from '../classify/shared-data.ts';
import { isRelevant, seededRandom, type SimulatedReader } from './readers.ts';

/** What a reader looks at (the top of the email), and how likely they vote on a relevant / irrelevant paper. */
export const SEEN = 5;
export const P_MORE = 0.5;
export const P_LESS = 0.2;
const AT_K = 5;

export interface Variant {
  name: string;
  model: ModelOptions;
  /** Terms stored per vote (default: the store's, VECTOR_TERMS). */
  vectorTerms?: number;
}

export interface DayRun {
  date: string;
  papers: number;
  /** Mean precision@5 over the readers, by series name. */
  p5: Record<string, number>;
}

export interface Cost {
  /** CPU microseconds per personalDigest call (the send path's share per reader). */
  microsPerDigest: number;
  /** CPU microseconds per profile rebuild (once per vote recorded or removed). */
  microsPerProfile: number;
  /** Stored bytes per vote (JSON, with its terms). */
  bytesPerVote: number;
  /** The largest stored profile (JSON bytes) of any reader on any day. */
  maxProfileBytes: number;
}

export interface ReplayResult {
  days: DayRun[];
  /** Per series, per reader: precision@5 per day. */
  perReader: Record<string, number[][]>;
  cost: Record<string, Cost>;
  /** CPU microseconds to index one edition for the model (once per edition, shared by every reader). */
  microsPerEditionIndex: number;
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

/**
 * The baselines: today's digest as shown ("popularity"), the reader's candidates by popularity, and the best
 * possible ("oracle": every relevant paper the reader's topics and "Also trending" could show, first).
 */
function baselines(editions: Edition[], readers: readonly SimulatedReader[]): Record<string, number[][]> {
  const out: Record<string, number[][]> = { popularity: [], 'popularity (all topics)': [], oracle: [] };
  for (const reader of readers) {
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

const cpuMicros = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

/** One variant over every day and reader. */
function runVariant(editions: Edition[], variant: Variant, readers: readonly SimulatedReader[]) {
  const perReader: number[][] = [];
  const cost = { digest: 0, digests: 0, profile: 0, profiles: 0, voteBytes: 0, votes: 0, maxProfile: 0 };
  readers.forEach((reader, r) => {
    const random = seededRandom(1000 + r);
    let votes: ReaderVote[] = [];
    let profile: ReaderProfile | undefined;
    const scores: number[] = [];
    for (const edition of editions) {
      // What the sender loads: interests and the stored profile (the votes stay in Redis).
      const state: ReaderState = { votes: [], interests: reader.interests, ...(profile ? { profile } : {}) };
      const started = process.cpuUsage();
      const digest = personalDigest({
        edition,
        prefs: reader.prefs,
        reader: state,
        skipEmpty: true,
        model: variant.model,
      });
      cost.digest += cpuMicros(started);
      cost.digests++;
      const shown = shownOrder(digest);
      scores.push(precision(reader, shown));
      for (const paper of shown.slice(0, SEEN)) {
        const relevant = isRelevant(reader, paper);
        if (random() >= (relevant ? P_MORE : P_LESS)) continue;
        const vote = withTerms(
          {
            paperId: paper.id,
            date: edition.date,
            vote: relevant ? 'more' : 'less',
            title: paper.title,
            at: `${edition.date}T12:00:00.000Z`,
          },
          paper,
          variant.vectorTerms,
        );
        cost.voteBytes += JSON.stringify(vote).length;
        cost.votes++;
        votes = [...votes, vote].slice(-MAX_VOTES);
        const building = process.cpuUsage();
        profile = buildProfile(votes);
        cost.profile += cpuMicros(building);
        cost.profiles++;
        cost.maxProfile = Math.max(cost.maxProfile, JSON.stringify(profile).length);
      }
    }
    perReader.push(scores);
  });
  return {
    perReader,
    cost: {
      microsPerDigest: cost.digest / Math.max(1, cost.digests),
      microsPerProfile: cost.profile / Math.max(1, cost.profiles),
      bytesPerVote: cost.voteBytes / Math.max(1, cost.votes),
      maxProfileBytes: cost.maxProfile,
    },
  };
}

/** Replays every variant (and the baselines) over the editions for one set of readers. */
export function replay(
  editions: Edition[],
  variants: readonly Variant[],
  readers: readonly SimulatedReader[],
): ReplayResult {
  const perReader = baselines(editions, readers);
  // Indexed before any digest is timed: the sender indexes an edition once for all its readers.
  const indexing = process.cpuUsage();
  for (const edition of editions) editionIndex(edition);
  const microsPerEditionIndex = cpuMicros(indexing) / Math.max(1, editions.length);
  const cost: ReplayResult['cost'] = {};
  for (const v of variants) {
    const run = runVariant(editions, v, readers);
    perReader[v.name] = run.perReader;
    cost[v.name] = run.cost;
  }
  const days = editions.map((e, i) => {
    const p5: Record<string, number> = {};
    for (const [name, rows] of Object.entries(perReader)) p5[name] = mean(rows.map((row) => row[i] ?? 0));
    return { date: e.date, papers: e.counts.papers, p5 };
  });
  return { days, perReader, cost, microsPerEditionIndex };
}

export const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
