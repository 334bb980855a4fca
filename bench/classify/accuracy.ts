// Accuracy of a classifier on labelled papers, the tune/held-out split, and a confusion matrix.
import type { LabelledPaper } from './shared-data.ts';

/** FNV-1a (32-bit) of a string: a stable, dependency-free hash for the split. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The held-out part, fixed before any tuning: a paper is held out when FNV-1a(arXiv id) mod 100 < 40 (about 40%).
 * Classifier changes are tuned on the rest only.
 */
export const isHeldOut = (id: string): boolean => fnv1a(id) % 100 < 40;

export interface Accuracy {
  n: number;
  /** The predicted theme is one the readers accept (`other` counts only when `other` is accepted). */
  accepted: number;
  /** The predicted theme is a readers' primary theme. */
  primary: number;
  /** rows: labelled primary theme (the first), columns: predicted. */
  confusion: Map<string, Map<string, number>>;
  misses: { paper: LabelledPaper; predicted: string }[];
}

/** Scores `predict` over the papers. */
export function measure(papers: readonly LabelledPaper[], predict: (p: LabelledPaper) => string): Accuracy {
  const result: Accuracy = { n: 0, accepted: 0, primary: 0, confusion: new Map(), misses: [] };
  for (const paper of papers) {
    const predicted = predict(paper);
    result.n += 1;
    if (paper.accept.includes(predicted)) result.accepted += 1;
    else result.misses.push({ paper, predicted });
    if (paper.primary.includes(predicted)) result.primary += 1;
    const labelled = paper.primary[0] ?? 'other';
    const row = result.confusion.get(labelled) ?? new Map<string, number>();
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
    result.confusion.set(labelled, row);
  }
  return result;
}

const pct = (k: number, n: number): string => (n === 0 ? '-' : `${((100 * k) / n).toFixed(1)}%`);

/** "accepted 97/100 = 97.0%, primary 93/100 = 93.0%" */
export function formatAccuracy(a: Accuracy): string {
  return `accepted ${a.accepted}/${a.n} = ${pct(a.accepted, a.n)}, primary ${a.primary}/${a.n} = ${pct(a.primary, a.n)}`;
}

/** The confusion matrix as aligned text, labels in the given order. */
export function formatConfusion(a: Accuracy, labels: readonly string[], indent = '    '): string {
  const short = (l: string): string => l.slice(0, 9);
  const width = Math.max(...labels.map((l) => l.length)) + 2;
  const header = `${indent}${'labelled \\ predicted'.padEnd(width)}${labels.map((l) => short(l).padStart(10)).join('')}`;
  const rows = labels.map((l) => {
    const row = a.confusion.get(l);
    const cells = labels.map((p) => String(row?.get(p) ?? 0).padStart(10)).join('');
    return `${indent}${l.padEnd(width)}${cells}`;
  });
  return [header, ...rows].join('\n');
}
