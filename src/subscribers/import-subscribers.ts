import { ValidationError } from '../shared/errors.ts';
import { parseCsv, restoreCell } from './csv.ts';
import { normaliseEmail } from './email.ts';
import { DEFAULT_PER_TOPIC, MAX_PER_TOPIC } from './preferences.ts';
import type { AddOutcome, SubscriberStore } from './store.ts';
import { SuppressedAddressError } from './suppression.ts';
import { splitTopicList, validateTopics } from './topics.ts';

export interface ImportRowResult {
  line: number;
  outcome: AddOutcome | 'invalid';
  /** The address as written (invalid rows) or normalised (the rest). */
  email: string;
  reason?: string;
}

export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  suppressed: number;
  invalid: number;
  rows: ImportRowResult[];
}

export interface ImportOptions {
  knownTopics: readonly string[];
  /** Import as active (the list already opted in) instead of pending. */
  confirmed?: boolean;
  perTopic?: number;
  alsoTrending?: boolean;
}

/**
 * Imports a CSV with a header naming `email` and `topics` (any order), topics separated by `;`, and optionally
 * `per_topic` and `also_trending` (as `export` writes them; other columns are ignored). New subscribers get
 * `options.perTopic`/`alsoTrending` when the file has no such column; existing ones keep theirs. Every row gets an outcome with its line number. Re-importing the same file changes nothing (all
 * `unchanged`; cells `export` neutralised against formula injection are restored), and suppressed addresses stay
 * suppressed. A bad header is a ValidationError.
 */
export async function importSubscribersCsv(
  store: SubscriberStore,
  csvText: string,
  options: ImportOptions,
): Promise<ImportReport> {
  // Cells of a file written by `export` may carry the quote that kept a spreadsheet from reading a formula.
  const [header, ...rows] = parseCsv(csvText).map((row) => ({ ...row, cells: row.cells.map(restoreCell) }));
  if (!header) throw new ValidationError('The file is empty; expected a header line "email,topics"', 'file');
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const emailAt = names.indexOf('email');
  const topicsAt = names.indexOf('topics');
  // Optional columns (an export has them): when present they set the value, otherwise existing subscribers keep theirs.
  const perTopicAt = names.indexOf('per_topic');
  const alsoTrendingAt = names.indexOf('also_trending');
  if (emailAt < 0 || topicsAt < 0) {
    throw new ValidationError(`Line ${header.line}: expected a header with "email" and "topics" columns`, 'file');
  }
  const report: ImportReport = { added: 0, updated: 0, unchanged: 0, suppressed: 0, invalid: 0, rows: [] };
  const seen = new Map<string, number>();
  for (const row of rows) {
    const rawEmail = row.cells[emailAt] ?? '';
    const invalid = (reason: string) => {
      report.invalid += 1;
      report.rows.push({ line: row.line, outcome: 'invalid', email: rawEmail.trim(), reason });
    };
    let address = rawEmail.trim();
    try {
      const normalised = normaliseEmail(rawEmail);
      const key = normalised.key;
      address = normalised.address;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        invalid(`the same address as line ${earlier}`);
        continue;
      }
      seen.set(key, row.line);
      const topics = validateTopics(splitTopicList(row.cells[topicsAt] ?? '', ';'), options.knownTopics);
      if (topics.length === 0) throw new ValidationError('no topics', 'topics');
      const current = (await store.findByEmail(rawEmail))?.preferences;
      const preferences = {
        topics,
        perTopic:
          cell(row.cells, perTopicAt, parsePerTopic) ?? current?.perTopic ?? options.perTopic ?? DEFAULT_PER_TOPIC,
        alsoTrending:
          cell(row.cells, alsoTrendingAt, parseBool) ?? current?.alsoTrending ?? options.alsoTrending ?? true,
      };
      const { subscriber, outcome } = await store.add(rawEmail, preferences, { confirmed: options.confirmed === true });
      report[outcome] += 1;
      report.rows.push({ line: row.line, outcome, email: subscriber.email });
    } catch (error) {
      if (error instanceof SuppressedAddressError) {
        // Erased after a complaint, bounce or unsubscribe: stays suppressed, like one that still has its record.
        report.suppressed += 1;
        report.rows.push({ line: row.line, outcome: 'suppressed', email: address });
        continue;
      }
      if (!(error instanceof ValidationError)) throw error;
      invalid(error.message);
    }
  }
  return report;
}

/** An optional cell, parsed; undefined when the column is absent or the cell empty. */
function cell<T>(cells: readonly string[], at: number, parse: (raw: string) => T): T | undefined {
  const raw = at < 0 ? undefined : cells[at]?.trim();
  return raw ? parse(raw) : undefined;
}

function parsePerTopic(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PER_TOPIC) {
    throw new ValidationError(`per_topic must be a whole number from 1 to ${MAX_PER_TOPIC}`, 'per_topic');
  }
  return n;
}

function parseBool(raw: string): boolean {
  const v = raw.toLowerCase();
  if (['true', 'yes', '1'].includes(v)) return true;
  if (['false', 'no', '0'].includes(v)) return false;
  throw new ValidationError('also_trending must be true or false', 'also_trending');
}
