import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { dailyPaperItemSchema, describeIssues, normaliseItem } from '../../src/papers/index.ts';
import { classifyPaper, type ClassifiableText, type Classification } from '../../src/themes/index.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext } from '../context.ts';

/** A plain record: `{id, title, summary}` (or `abstract`), with the API's optional AI fields in either spelling. */
const plainPaperSchema = z
  .looseObject({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    title: z.string(),
    summary: z.string().optional(),
    abstract: z.string().optional(),
    ai_summary: z.string().optional(),
    aiSummary: z.string().optional(),
    ai_keywords: z.array(z.string()).optional(),
    aiKeywords: z.array(z.string()).optional(),
  })
  .refine((p) => p.summary !== undefined || p.abstract !== undefined, {
    message: 'expected a string "summary" (or "abstract")',
    path: ['summary'],
  });

interface InputPaper {
  id: string;
  title: string;
  text: ClassifiableText;
}

/** `paperboy classify [FILE|-] [--json]`: classifies papers from a file or stdin and explains each result. */
export function register(program: Command): void {
  program
    .command('classify')
    .description('classify papers (a JSON array or JSON Lines of Daily Papers API items or {id, title, summary})')
    .argument('[file]', 'input file, or - for stdin (the default)', '-')
    .option('--json', 'print one JSON object per paper: {id, theme, secondary, scores, matched}')
    .action(async (file: string, opts: { json?: boolean }) => {
      await withContext(async () => {
        const records = parseRecords(await readInput(file));
        const results = records.map((r) => classifyPaper(r.text));
        records.forEach((record, i) => {
          const c = results[i] as Classification;
          const line = opts.json
            ? JSON.stringify({
                id: record.id,
                theme: c.theme,
                secondary: c.secondary,
                scores: c.scores,
                matched: c.matched,
              })
            : tableRow(record, c);
          process.stdout.write(`${line}\n`);
        });
        if (!opts.json) process.stdout.write(summaryLine(results));
      });
    });
}

async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, EXIT.usage);
  }
}

/** Parses a JSON array, a single JSON object, or JSON Lines into records; errors name the item and the field. */
export function parseRecords(input: string): InputPaper[] {
  const text = input.trim();
  if (text.length === 0) return [];
  let values: { value: unknown; where: string }[];
  try {
    const whole: unknown = JSON.parse(text);
    values = (Array.isArray(whole) ? (whole as unknown[]) : [whole]).map((value, i) => ({ value, where: `item ${i}` }));
  } catch {
    let index = 0;
    values = text.split('\n').flatMap((line, n) => {
      if (line.trim().length === 0) return [];
      try {
        return [{ value: JSON.parse(line) as unknown, where: `item ${index++} (line ${n + 1})` }];
      } catch {
        throw new CliError(`line ${n + 1}: not valid JSON (expected a JSON array or JSON Lines)`, EXIT.usage);
      }
    });
  }
  return values.map(({ value, where }) => toRecord(value, where));
}

function toRecord(value: unknown, where: string): InputPaper {
  if (typeof value === 'object' && value !== null && 'paper' in value) {
    const item = dailyPaperItemSchema.safeParse(value);
    if (!item.success) throw new CliError(`${where}: ${describeIssues(item.error)}`, EXIT.usage);
    const paper = normaliseItem(item.data);
    return { id: paper.id, title: paper.title, text: paper };
  }
  const plain = plainPaperSchema.safeParse(value);
  if (!plain.success) throw new CliError(`${where}: ${describeIssues(plain.error)}`, EXIT.usage);
  const p = plain.data;
  const aiSummary = p.ai_summary ?? p.aiSummary;
  const aiKeywords = p.ai_keywords ?? p.aiKeywords;
  const text: ClassifiableText = {
    title: p.title,
    abstract: p.summary ?? p.abstract ?? '',
    ...(aiSummary !== undefined ? { aiSummary } : {}),
    ...(aiKeywords !== undefined ? { aiKeywords } : {}),
  };
  return { id: p.id, title: p.title.replace(/\s+/g, ' ').trim(), text };
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));

function tableRow(record: InputPaper, c: Classification): string {
  const score = c.theme === 'other' ? Math.max(0, ...Object.values(c.scores)) : (c.scores[c.theme] ?? 0);
  const why = c.theme === 'other' ? '' : (c.matched[c.theme] ?? []).slice(0, 4).join(', ');
  return [
    clip(record.id, 12),
    clip(c.theme, 16),
    clip(c.secondary.join(',') || '-', 18),
    score.toFixed(1).padStart(6),
    ' ',
    clip(record.title, 60),
    ' ',
    why,
  ].join(' ');
}

function summaryLine(results: Classification[]): string {
  const counts = new Map<string, number>();
  for (const c of results) counts.set(c.theme, (counts.get(c.theme) ?? 0) + 1);
  const parts = [...counts.entries()].map(([theme, n]) => `${theme} ${n}`);
  return `\n${results.length} papers: ${parts.join(', ')}\n`;
}
