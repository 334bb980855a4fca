import type { Command } from 'commander';
import { openTransactionalQueue } from '../../src/queue/index.ts';
import { ValidationError } from '../../src/shared/errors.ts';
import { SubscriberStore } from '../../src/subscribers/index.ts';
import { retryTransactional, transactionalStatus, type TransactionalStatus } from '../../src/transactional/index.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext } from '../context.ts';

/** The status as lines for a person. */
export function formatTransactionalStatus(r: TransactionalStatus): string {
  const c = r.counts;
  const lines = [
    `Transactional emails${r.paused ? ' (queue PAUSED: resume it in the dashboard once the quota resets)' : ''}:`,
    `  waiting ${c.waiting + c.prioritized}  active ${c.active}  retrying ${c.delayed}  sent ${c.completed}  failed ${c.failed}`,
  ];
  if (r.failures.length > 0) {
    lines.push(`Failed emails (${c.failed}${c.failed > r.failures.length ? `, latest ${r.failures.length}` : ''}):`);
    for (const f of r.failures) {
      lines.push(`  ${f.jobId}  ${f.email ?? '(erased)'}  attempts ${f.attempts}  ${f.failedAt ?? ''}  ${f.reason}`);
    }
    lines.push('Retry them with: paperboy transactional retry (or one: --id <job id>)');
  }
  return `${lines.join('\n')}\n`;
}

/** `paperboy transactional status|retry`: the confirm, preferences-saved, goodbye and fresh-link emails. */
export function register(program: Command): void {
  const cmd = program
    .command('transactional')
    .description('transactional emails (confirm, preferences saved, goodbye, fresh link): status and retry');
  cmd
    .command('status')
    .description('counts by state and the latest failed emails with their reasons')
    .option('--json', 'print {"counts","paused","failures"}')
    .option('--limit <n>', 'failed emails to list', (v) => Number.parseInt(v, 10), 50)
    .action(async (opts: { json?: boolean; limit: number }) => {
      if (!Number.isInteger(opts.limit) || opts.limit < 0)
        throw new CliError('--limit must be a whole number', EXIT.usage);
      await withContext(async (ctx) => {
        const queue = openTransactionalQueue(ctx.redis(), ctx.keyspace);
        try {
          const report = await transactionalStatus(queue, new SubscriberStore(ctx.redis(), ctx.keyspace), opts.limit);
          process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatTransactionalStatus(report));
        } finally {
          await queue.close();
        }
      });
    });
  cmd
    .command('retry')
    .description('send failed emails again: same content, same idempotency key (a provider never sends one twice)')
    .option('--id <job id>', 'only this email (its id is in `transactional status`)')
    .action(async (opts: { id?: string }) => {
      await withContext(async (ctx) => {
        const queue = openTransactionalQueue(ctx.redis(), ctx.keyspace);
        try {
          const moved = await retryTransactional(queue, opts.id === undefined ? {} : { jobId: opts.id }).catch(
            (error: unknown) => {
              if (error instanceof ValidationError) throw new CliError(error.message, EXIT.usage);
              throw error;
            },
          );
          if (moved === 0) {
            process.stdout.write('Nothing to retry: no failed transactional email matches.\n');
            return;
          }
          process.stdout.write(`Re-queued ${moved} failed transactional ${moved === 1 ? 'email' : 'emails'}.\n`);
          const workers = await queue.getWorkers().catch(() => []);
          if (workers.length === 0)
            process.stderr.write('note: no worker is connected; start `paperboy worker` to send them\n');
        } finally {
          await queue.close();
        }
      });
    });
}
