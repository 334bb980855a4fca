import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dailyPaperItemSchema } from './api-schema.ts';
import { normaliseItem } from './normalise.ts';
import type { StoredDay } from './day-store.ts';

const sampleUrl = new URL('./sample/sample-day.json', import.meta.url);

/** The bundled day of synthetic papers (our own writing, in the real API shape) for demos without the API. */
export function loadSampleDay(): StoredDay {
  const items = z.array(dailyPaperItemSchema).parse(JSON.parse(readFileSync(sampleUrl, 'utf8')));
  const papers = items.map(normaliseItem);
  const date = papers[0]?.submittedAt.slice(0, 10) ?? '2025-11-24';
  return { date, papers, skipped: [], pages: 1, fetchedAt: new Date().toISOString(), source: 'sample' };
}

/** The sample items themselves, for serving from a local fake API. */
export function loadSampleItems(): unknown[] {
  return z.array(z.unknown()).parse(JSON.parse(readFileSync(sampleUrl, 'utf8')));
}
