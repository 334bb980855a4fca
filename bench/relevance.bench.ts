// The relevance model, measured: the real days of 2025 in ../shared replayed with simulated readers who vote on
// what their digest shows them (bench/relevance/readers.ts). Prints precision@5 day by day (mean over readers) for
// today's popularity order and each model variant, then the summary (after 5 days of votes, and overall), per
// reader figures for the chosen model, and the cost (time per digest, bytes per stored vote). Skips without ../shared.
// BENCH_RELEVANCE_DAYS=n replays only the first n days.
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
import { READERS } from './relevance/readers.ts';

const CHOSEN = 'rocchio';
const VARIANTS: Variant[] = [
  { name: CHOSEN, model: DEFAULT_MODEL },
  { name: 'nearest', model: { ...DEFAULT_MODEL, kind: 'nearest' } },
  { name: 'hybrid', model: { ...DEFAULT_MODEL, kind: 'hybrid' } },
  { name: 'rocchio+df30', model: DEFAULT_MODEL, priorEditions: 30 },
  { name: 'rocchio k16', model: DEFAULT_MODEL, vectorTerms: 16 },
  { name: 'rocchio k32', model: DEFAULT_MODEL, vectorTerms: 32 },
  { name: 'rocchio b0.5', model: { ...DEFAULT_MODEL, negativeWeight: 0.5 } },
  { name: 'rocchio w0.5', model: { ...DEFAULT_MODEL, relevanceWeight: 0.5 } },
  { name: 'no For you', model: { ...DEFAULT_MODEL, minSignal: 1_000 } },
];

const BASELINE = 'popularity';
const pad = (s: string, n: number) => s.padStart(n);
const f2 = (x: number) => x.toFixed(2);

function window(result: ReplayResult, series: string, from: number, to: number): number {
  return mean((result.perReader[series] ?? []).flatMap((row) => row.slice(from, to)));
}

function printDays(result: ReplayResult, series: string[]): void {
  console.log(`\nprecision@5 by day (mean over ${READERS.length} readers; votes so far shape each day's digest)`);
  console.log(`${'day'.padEnd(11)}${pad('papers', 7)}${series.map((s) => pad(s.slice(0, 12), 13)).join('')}`);
  for (const d of result.days) {
    const cells = series.map((s) => pad(f2(d.p5[s] ?? 0), 13)).join('');
    console.log(`${d.date.padEnd(11)}${pad(String(d.papers), 7)}${cells}`);
  }
}

function printSummary(result: ReplayResult, series: string[]): void {
  const n = result.days.length;
  const windows: [string, number, number][] = [
    ['days 1-5', 0, 5],
    ['days 6-10', 5, 10],
    ['after 5 days (6+)', 5, n],
    [`overall (${n})`, 0, n],
  ];
  console.log('\nsummary: precision@5 (x popularity)');
  console.log(`${'series'.padEnd(24)}${windows.map(([w]) => pad(w, 20)).join('')}`);
  for (const s of series) {
    const cells = windows.map(([, from, to]) => {
      const p = window(result, s, from, to);
      const base = window(result, BASELINE, from, to);
      return pad(`${f2(p)} (${base > 0 ? (p / base).toFixed(1) : '-'}x)`, 20);
    });
    console.log(`${s.padEnd(24)}${cells.join('')}`);
  }
}

function printReaders(result: ReplayResult): void {
  const n = result.days.length;
  console.log(`\nper reader, after 5 days (${CHOSEN} vs popularity vs best possible)`);
  READERS.forEach((reader, r) => {
    const get = (s: string) => mean(result.perReader[s]?.[r]?.slice(5, n) ?? []);
    console.log(
      `${reader.name.padEnd(28)}${pad(f2(get(CHOSEN)), 6)}${pad(f2(get(BASELINE)), 6)}${pad(f2(get('oracle')), 6)}`,
    );
  });
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
    `${editions.length} real days, ${READERS.length} simulated readers; each sees the top ${SEEN} of their digest and ` +
      `votes "more" on a relevant paper with p=${P_MORE}, "less" on another with p=${P_LESS}`,
  );
  const result = replay(editions, VARIANTS);
  const series = [BASELINE, 'popularity (all topics)', ...VARIANTS.map((v) => v.name), 'oracle'];
  printDays(result, series);
  printSummary(result, series);
  printReaders(result);
  console.log('\ncost per variant');
  for (const [name, c] of Object.entries(result.cost)) {
    console.log(
      `${name.padEnd(24)}${pad(c.microsPerDigest.toFixed(0), 6)} us CPU/digest${pad(c.bytesPerVote.toFixed(0), 6)} B/vote` +
        `${pad((c.maxBytesPerReader / 1024).toFixed(1), 7)} KB max/reader`,
    );
  }
  const after = window(result, CHOSEN, 5, result.days.length);
  const base = window(result, BASELINE, 5, result.days.length);
  console.log(`\nacceptance (after 5 days, ${CHOSEN} >= 2x popularity): ${after >= 2 * base ? 'met' : 'NOT met'}`);
  await Promise.resolve();
}
