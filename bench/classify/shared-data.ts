// Real data for measuring the classifier and the ranking, read from ../shared at run time (never copied into the
// project). Everything here returns `undefined` when ../shared is absent, so callers can skip cleanly.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { dailyPaperItemSchema, normaliseItem, type Paper } from '../../src/papers/index.ts';
import type { ClassifiableText } from '../../src/themes/index.ts';

/** `../shared/fixtures` seen from the repository root. */
export const SHARED_FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));

/** One real day of the Daily Papers API, normalised as the pipeline would. */
export interface RealDay {
  date: string;
  papers: Paper[];
}

/** A paper with the themes careful readers accept for it (LABELLING.md in ../shared). */
export interface LabelledPaper {
  id: string;
  text: ClassifiableText;
  /** The readers' primary theme(s): two readers may have differed. */
  primary: string[];
  /** Every theme a reader would be glad to see the paper under, primary first. */
  accept: string[];
}

const daysDir = join(SHARED_FIXTURES, 'hf-api-days');
const labelledPath = join(SHARED_FIXTURES, 'real-labelled-2025.jsonl');
const seedPath = join(SHARED_FIXTURES, 'seed-papers.json');

/** The 251 real days of 2025, in date order; `undefined` without ../shared. Items that fail the API schema drop. */
export function loadRealDays(dir = daysDir): RealDay[] | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
    .sort();
  return files.map((file) => {
    const raw = z.array(z.unknown()).parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const papers = raw.flatMap((item) => {
      const parsed = dailyPaperItemSchema.safeParse(item);
      return parsed.success ? [normaliseItem(parsed.data)] : [];
    });
    return { date: file.slice(0, 10), papers };
  });
}

/** Every distinct paper of the real days, by arXiv id (first listing wins). */
export function papersById(days: readonly RealDay[]): Map<string, Paper> {
  const byId = new Map<string, Paper>();
  for (const day of days) for (const p of day.papers) if (!byId.has(p.id)) byId.set(p.id, p);
  return byId;
}

const labelRowSchema = z.looseObject({
  id: z.string().min(1),
  theme: z.string().min(1),
  primary: z.array(z.string()).min(1).optional(),
  accept: z.array(z.string()).min(1),
  title: z.string().optional(),
  summary: z.string().optional(),
  ai_keywords: z.array(z.string()).optional(),
});

/**
 * Reads a labels file (JSON Lines: `id`, `theme`, optional `primary`, `accept`). The text is the paper as the real
 * days list it (title, abstract, AI summary and keywords, as the pipeline classifies it), else the row's own text;
 * a row with neither is dropped. `undefined` when the file is absent.
 */
export function loadLabels(path: string, papers: ReadonlyMap<string, Paper>): LabelledPaper[] | undefined {
  if (!existsSync(path)) return undefined;
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => labelRowSchema.parse(JSON.parse(line)));
  return rows.flatMap((row) => {
    const paper = papers.get(row.id);
    const text: ClassifiableText | undefined =
      paper ??
      (row.title && row.summary
        ? { title: row.title, abstract: row.summary, ...(row.ai_keywords ? { aiKeywords: row.ai_keywords } : {}) }
        : undefined);
    if (!text) return [];
    const primary = row.primary ?? [row.theme];
    const accept = [...new Set([...primary, ...row.accept])];
    return [{ id: row.id, text, primary, accept }];
  });
}

/** The readers' 115 labelled real papers of 2025; `undefined` without ../shared. */
export function loadReadersLabels(papers: ReadonlyMap<string, Paper>): LabelledPaper[] | undefined {
  return loadLabels(labelledPath, papers);
}

const seedSchema = z.array(
  z.looseObject({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    theme: z.string(),
    acceptableThemes: z.array(z.string()).min(1),
  }),
);

/** The 83 hand-labelled seed papers (title and abstract only); `undefined` without ../shared. */
export function loadSeed(path = seedPath): LabelledPaper[] | undefined {
  if (!existsSync(path)) return undefined;
  return seedSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).map((s) => ({
    id: s.id,
    text: { title: s.title, abstract: s.summary },
    primary: [s.theme],
    accept: [...new Set([s.theme, ...s.acceptableThemes])],
  }));
}
