import type { Command } from 'commander';
import { getDay, PapersClient } from '../../src/papers/index.ts';
import { parseEditionDate, todayUtc } from '../../src/shared/dates.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext } from '../context.ts';

/** `paperboy papers --date D [--json] [--refresh]`: the day's papers, fetched once and stored. */
export function register(program: Command): void {
  program
    .command('papers')
    .description('fetch (or show the stored) Daily Papers of a day')
    .option('--date <YYYY-MM-DD>', 'the Daily Papers date (UTC)', todayUtc())
    .option('--json', 'print JSON (the normalised papers and any skipped items)')
    .option('--refresh', 'fetch again even when the day is stored')
    .action(async (opts: { date: string; json?: boolean; refresh?: boolean }) => {
      const date = checkDate(opts.date);
      await withContext(async (ctx) => {
        const client = new PapersClient({ ...ctx.config.papers, logger: ctx.logger });
        const { day, fetched } = await getDay(client, ctx.redis(), ctx.keyspace, date, {
          refresh: opts.refresh ?? false,
          retentionSeconds: ctx.config.retention.papersSeconds,
        });
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify({ date, fetched, papers: day.papers, skipped: day.skipped }, null, 2)}\n`,
          );
          return;
        }
        process.stdout.write(
          `${day.papers.length} papers on ${date}${fetched ? '' : ' (stored; --refresh to fetch again)'}\n`,
        );
        for (const p of day.papers) process.stdout.write(`  ${String(p.upvotes).padStart(4)} ▲  ${p.id}  ${p.title}\n`);
        for (const s of day.skipped)
          process.stdout.write(`  skipped item ${s.index} of page ${s.page} (${s.id ?? 'no id'}): ${s.reason}\n`);
      });
    });
}

/** Validates a --date option, failing with a one-line usage error. */
export function checkDate(value: string): string {
  try {
    return parseEditionDate(value, '--date');
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT.usage);
  }
}
