import type { Command } from 'commander';
import { buildStoredEdition, loadEdition } from '../../src/editions/index.ts';
import { todayUtc } from '../../src/shared/dates.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext } from '../context.ts';
import { checkDate } from './papers.ts';

/** `paperboy edition --date D [--json] [--rebuild]`: the edition named D (its list days), grouped and ranked. */
export function register(program: Command): void {
  program
    .command('edition')
    .description('print the edition of a day: themes in order with their ranked papers, then "Also trending"')
    .option('--date <YYYY-MM-DD>', 'the edition date', todayUtc())
    .option('--json', 'print the stored edition as JSON')
    .option('--rebuild', 'rebuild it from the stored papers first (refused once sending has started)')
    .action(async (opts: { date: string; json?: boolean; rebuild?: boolean }) => {
      const date = checkDate(opts.date);
      await withContext(async (ctx) => {
        const edition = opts.rebuild
          ? (await buildStoredEdition(ctx.redis(), ctx.keyspace, ctx.config, date)).edition
          : await loadEdition(ctx.redis(), ctx.keyspace, date);
        if (!edition)
          throw new CliError(
            `no edition stored for ${date}; build it with: paperboy edition --date ${date} --rebuild (after paperboy papers --date ${date})`,
            EXIT.failure,
          );
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(edition, null, 2)}\n`);
          return;
        }
        const days = edition.days.length === 1 && edition.days[0] === date ? '' : ` of ${edition.days.join(', ')}`;
        const repeats = edition.repeats?.length ? `, ${edition.repeats.length} left out as already sent` : '';
        process.stdout.write(
          `Edition ${date}${days}: ${edition.counts.papers} papers${repeats}${edition.frozenAt ? ` (frozen ${edition.frozenAt})` : ''}\n`,
        );
        for (const section of [
          ...edition.sections,
          { id: 'other', label: 'Also trending', description: '', papers: edition.other },
        ]) {
          process.stdout.write(`\n${section.label} (${section.papers.length})\n`);
          section.papers.forEach((p, i) =>
            process.stdout.write(
              `  ${String(i + 1).padStart(2)}. ${p.score.toFixed(2).padStart(7)}  ${p.paper.title}\n`,
            ),
          );
        }
      });
    });
}
