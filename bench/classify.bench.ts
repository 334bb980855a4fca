// The classifier and the ranking, measured. Always: throughput on synthetic papers. With ../shared: accuracy on the
// labelled real papers (tune and held-out parts), a confusion matrix, seed accuracy, time per real day (classify and
// rank each of the 251 days) and how each section's order follows the upvotes. Extra label files (JSON Lines of
// {id, theme, accept}, e.g. your own labelling by ../shared/fixtures/LABELLING.md) can be added with
// BENCH_EXTRA_LABELS=path[,path] (files or directories of *.jsonl); they are joined to the real days by arXiv id.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Paper } from '../src/papers/index.ts';
import { buildEdition, classifyPaper, DEFAULT_RANKING, OTHER_THEME, THEMES } from '../src/themes/index.ts';
import { formatAccuracy, formatConfusion, isHeldOut, measure } from './classify/accuracy.ts';
import { addEdition, emptyFigures, formatFigures } from './classify/ranking-figures.ts';
import {
  loadLabels,
  loadReadersLabels,
  loadRealDays,
  loadSeed,
  papersById,
  SHARED_FIXTURES,
  type LabelledPaper,
  type RealDay,
} from './classify/shared-data.ts';
import { syntheticThroughput } from './classify/synthetic.ts';

const LABELS = [...THEMES.map((t) => t.id), OTHER_THEME];
const predict = (p: LabelledPaper): string => classifyPaper(p.text).theme;

function extraLabelFiles(): string[] {
  const paths = (process.env.BENCH_EXTRA_LABELS ?? '').split(',').filter((p) => p.trim().length > 0);
  return paths.flatMap((p) =>
    existsSync(p) && statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => f.endsWith('.jsonl'))
          .sort()
          .map((f) => join(p, f))
      : [p],
  );
}

function reportAccuracy(sets: Map<string, LabelledPaper[]>): void {
  console.log('accuracy on labelled real papers (held out: FNV-1a(id) % 100 < 40, never tuned on)');
  const all: LabelledPaper[] = [];
  for (const [name, papers] of sets) {
    all.push(...papers);
    const tune = papers.filter((p) => !isHeldOut(p.id));
    const held = papers.filter((p) => isHeldOut(p.id));
    console.log(`  ${name}: tune ${formatAccuracy(measure(tune, predict))}`);
    console.log(`  ${name}: held-out ${formatAccuracy(measure(held, predict))}`);
  }
  if (sets.size > 1) {
    console.log(
      `  all sets: tune ${formatAccuracy(
        measure(
          all.filter((p) => !isHeldOut(p.id)),
          predict,
        ),
      )}`,
    );
    console.log(
      `  all sets: held-out ${formatAccuracy(
        measure(
          all.filter((p) => isHeldOut(p.id)),
          predict,
        ),
      )}`,
    );
  }
  for (const part of ['held-out', 'tune'] as const) {
    const papers = all.filter((p) => isHeldOut(p.id) === (part === 'held-out'));
    console.log(`  confusion matrix, ${part}, all sets (rows: readers' primary theme, columns: predicted)`);
    console.log(formatConfusion(measure(papers, predict), LABELS));
  }
}

function reportDays(days: readonly RealDay[]): void {
  const papers = days.reduce((n, d) => n + d.papers.length, 0);
  for (const d of days.slice(0, 5)) buildEdition(d.date, d.papers); // warm-up (JIT)
  const themes = emptyFigures();
  const other = emptyFigures();
  const perDay: number[] = [];
  const cpu = process.cpuUsage();
  for (const day of days) {
    const start = process.hrtime.bigint();
    const edition = buildEdition(day.date, day.papers, { ranking: DEFAULT_RANKING });
    perDay.push(Number(process.hrtime.bigint() - start) / 1e6);
    addEdition(edition, themes, other);
  }
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const sorted = [...perDay].sort((a, b) => a - b);
  const wall = perDay.reduce((s, x) => s + x, 0);
  console.log(`real days: ${days.length} days, ${papers} papers, classified and ranked (buildEdition)`);
  console.log(
    `  per day: mean ${(wall / days.length).toFixed(2)} ms wall, ${(cpuMs / days.length).toFixed(2)} ms cpu; ` +
      `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms`,
  );
  console.log(`ranking (starBonus ${DEFAULT_RANKING.starBonus}) on the real days, per theme section:`);
  console.log(`    ${formatFigures(themes)}`);
  console.log('  and "Also trending":');
  console.log(`    ${formatFigures(other)}`);
}

export default function bench(): Promise<void> {
  syntheticThroughput();
  const days = loadRealDays();
  if (!days) {
    console.log(`real data: skipped (${SHARED_FIXTURES} not found)`);
    return Promise.resolve();
  }
  const byId: Map<string, Paper> = papersById(days);
  const sets = new Map<string, LabelledPaper[]>();
  const readers = loadReadersLabels(byId);
  if (readers) sets.set('readers (real-labelled-2025)', readers);
  for (const file of extraLabelFiles()) {
    const extra = loadLabels(file, byId);
    if (extra) sets.set(basename(file), extra);
    else console.log(`  extra labels: ${file} not found, skipped`);
  }
  if (sets.size > 0) reportAccuracy(sets);
  const seed = loadSeed();
  if (seed) {
    const a = measure(seed, predict);
    console.log(`seed papers: ${formatAccuracy(a)}`);
    console.log(formatConfusion(a, LABELS));
  }
  reportDays(days);
  return Promise.resolve();
}
