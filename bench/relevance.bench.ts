// The relevance model, measured: the real days of 2025 in ../shared replayed with simulated readers who vote on
// what their digest shows them (bench/relevance/readers.ts), two disjoint sets of them: "readers A" (the settings
// were chosen on them) and "readers B" (other interests, to check the choice holds for readers it was not tuned
// on). Prints precision@5 day by day (mean over readers) for today's popularity order, the chosen model and the
// best possible order, then per set the summary (after 5 days of votes, and overall) for the model's variants, per
// reader figures, and the cost (CPU per digest on the send path, per profile rebuild on a vote, bytes stored).
// Skips without ../shared. BENCH_RELEVANCE_DAYS=n replays only the first n days.
//
// Last run (251 days, 2 x 10 readers, 2026-12-01), precision@5 after 5 days of votes (days 6-251):
//   readers A: popularity 0.117, chosen model 0.234 (2.01x), best possible 0.262 (2.25x)
//   readers B: popularity 0.042, chosen model 0.102 (2.43x), best possible 0.125 (2.99x)
//   about 750 us CPU per digest (model, digest and why lines), 710 B per vote, profile <= 6.4 KB
import { DEFAULT_MODEL } from '../src/relevance/index.ts';
import { loadRealDays } from './classify/shared-data.ts';
import {
  P_LESS,
  P_MORE,
  SEEN,
  mean,
  replay,
  replayEditions,
  type ReplayResult,
  type Variant,
} from './relevance/replay.ts';
import { READERS, READERS_B, type SimulatedReader } from './relevance/readers.ts';

const CHOSEN = 'chosen';
const VARIANTS: Variant[] = [
  { name: CHOSEN, model: DEFAULT_MODEL },
  { name: '24 terms per vote', model: DEFAULT_MODEL, vectorTerms: 24 },
  { name: 'strongest term only', model: { ...DEFAULT_MODEL, termsPerPaper: 1 } },
  { name: 'all terms summed', model: { ...DEFAULT_MODEL, termsPerPaper: 1_000 } },
  { name: 'popularity 20% (w 0.8)', model: { ...DEFAULT_MODEL, relevanceWeight: 0.8 } },
  { name: 'For you of 3', model: { ...DEFAULT_MODEL, forYouSize: 3, forYouMinRelevance: 0.5 } },
  { name: 'no For you', model: { ...DEFAULT_MODEL, minSignal: 1_000 } },
];

const BASELINE = 'popularity';
const ORACLE = 'oracle';
const pad = (s: string, n: number) => s.padStart(n);
const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);

interface SetRun {
  label: string;
  readers: readonly SimulatedReader[];
  result: ReplayResult;
}

function window(result: ReplayResult, series: string, from: number, to: number): number {
  return mean((result.perReader[series] ?? []).flatMap((row) => row.slice(from, to)));
}

function printDays(runs: SetRun[]): void {
  const series = [BASELINE, CHOSEN, ORACLE];
  console.log("\nprecision@5 by day (mean over each set; votes so far shape each day's digest)");
  const head = runs.flatMap((r) => series.map((s) => pad(`${r.label.slice(-1)} ${s}`.slice(0, 12), 13)));
  console.log(`${'day'.padEnd(11)}${pad('papers', 7)}${head.join('')}`);
  runs[0]?.result.days.forEach((d, i) => {
    const cells = runs.flatMap((r) => series.map((s) => pad(f2(r.result.days[i]?.p5[s] ?? 0), 13)));
    console.log(`${d.date.padEnd(11)}${pad(String(d.papers), 7)}${cells.join('')}`);
  });
}

function printSummary(run: SetRun): void {
  const { result } = run;
  const n = result.days.length;
  const series = [BASELINE, 'popularity (all topics)', ...VARIANTS.map((v) => v.name), ORACLE];
  const windows: [string, number, number][] = [
    ['days 1-5', 0, 5],
    ['days 6-10', 5, 10],
    ['after 5 days (6+)', 5, n],
    [`overall (${n})`, 0, n],
  ];
  console.log(`\n${run.label} (${run.readers.length}): precision@5 (x popularity)`);
  console.log(`${'series'.padEnd(24)}${windows.map(([w]) => pad(w, 20)).join('')}`);
  for (const s of series) {
    const cells = windows.map(([, from, to]) => {
      const p = window(result, s, from, to);
      const base = window(result, BASELINE, from, to);
      return pad(`${f3(p)} (${base > 0 ? (p / base).toFixed(2) : '-'}x)`, 20);
    });
    console.log(`${s.padEnd(24)}${cells.join('')}`);
  }
}

function printReaders(run: SetRun): void {
  const n = run.result.days.length;
  console.log(`\n${run.label}, per reader after 5 days: ${CHOSEN}, popularity, best possible`);
  run.readers.forEach((reader, r) => {
    const get = (s: string) => mean(run.result.perReader[s]?.[r]?.slice(5, n) ?? []);
    console.log(
      `${reader.name.padEnd(34)}${pad(f2(get(CHOSEN)), 6)}${pad(f2(get(BASELINE)), 6)}${pad(f2(get(ORACLE)), 6)}`,
    );
  });
}

function printCost(runs: SetRun[]): void {
  console.log(`\ncost per variant (both sets)`);
  for (const { name } of VARIANTS) {
    const costs = runs.flatMap((r) => (r.result.cost[name] ? [r.result.cost[name]] : []));
    const avg = (f: (c: (typeof costs)[number]) => number) => mean(costs.map(f));
    console.log(
      `${name.padEnd(24)}${pad(avg((c) => c.microsPerDigest).toFixed(0), 6)} us CPU/digest` +
        `${pad(avg((c) => c.microsPerProfile).toFixed(0), 6)} us CPU/profile rebuild` +
        `${pad(avg((c) => c.bytesPerVote).toFixed(0), 6)} B/vote` +
        `${pad((Math.max(...costs.map((c) => c.maxProfileBytes)) / 1024).toFixed(1), 6)} KB max profile`,
    );
  }
  const index = runs[0]?.result.microsPerEditionIndex ?? 0;
  console.log(`indexing an edition for the model: ${index.toFixed(0)} us CPU, once per edition for all its readers`);
}

export default async function relevanceBench(): Promise<void> {
  const days = loadRealDays();
  if (!days) {
    console.log('skipped: ../shared/fixtures/hf-api-days is absent (the relevance bench replays real days)');
    return;
  }
  const limit = Number(process.env.BENCH_RELEVANCE_DAYS ?? days.length);
  const editions = replayEditions(days.slice(0, Math.max(1, limit)));
  console.log(
    `${editions.length} real days, ${READERS.length} + ${READERS_B.length} simulated readers; each sees the top ${SEEN} ` +
      `of their digest and votes "more" on a relevant paper with p=${P_MORE}, "less" on another with p=${P_LESS}`,
  );
  const runs: SetRun[] = [
    { label: 'readers A', readers: READERS, result: replay(editions, VARIANTS, READERS) },
    { label: 'readers B', readers: READERS_B, result: replay(editions, VARIANTS, READERS_B) },
  ];
  printDays(runs);
  for (const run of runs) printSummary(run);
  for (const run of runs) printReaders(run);
  printCost(runs);
  console.log('');
  for (const { label, result } of runs) {
    const after = window(result, CHOSEN, 5, result.days.length);
    const base = window(result, BASELINE, 5, result.days.length);
    const met = after >= 2 * base ? 'met' : 'NOT met';
    console.log(
      `acceptance, ${label} (after 5 days, ${CHOSEN} >= 2x popularity): ${met} (${(after / base).toFixed(3)}x)`,
    );
  }
  await Promise.resolve();
}
