import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { SendPacer, eraseReaderOrders, eraseSubscriberDeliveries } from '../../src/deliveries/index.ts';
import { createTransport } from '../../src/mail/index.ts';
import { NO_INTERESTS, ReaderStore } from '../../src/relevance/index.ts';
import { ValidationError, describeError } from '../../src/shared/errors.ts';
import {
  MAX_PER_TOPIC,
  SUBSCRIBER_STATUSES,
  SubscriberStore,
  SuppressedAddressError,
  isSuppressed,
  createLinkBuilder,
  csvLine,
  importSubscribersCsv,
  splitTopicList,
  validateTopics,
  type Subscriber,
  type SubscriberStatus,
} from '../../src/subscribers/index.ts';
import { themeIds } from '../../src/themes/index.ts';
import { sendTransactionalEmail } from '../../src/transactional/index.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext, type CliContext } from '../context.ts';
import { confirmOnTerminal } from '../confirm.ts';
import { EXPORT_COLUMNS, exportCsvLine, exportJsonLine } from '../subscriber-export.ts';

const out = (text: string) => process.stdout.write(text);
const store = (ctx: CliContext) =>
  new SubscriberStore(ctx.redis(), ctx.keyspace, { suppressionSecret: ctx.config.suppressionSecret });

function parseStatus(value: string | undefined): SubscriberStatus | undefined {
  if (value === undefined) return undefined;
  if (!(SUBSCRIBER_STATUSES as readonly string[]).includes(value)) {
    throw new CliError(`--status must be one of ${SUBSCRIBER_STATUSES.join(', ')} (got "${value}")`, EXIT.usage);
  }
  return value as SubscriberStatus;
}

function parsePerTopic(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PER_TOPIC) {
    throw new CliError(`--per-topic must be a whole number from 1 to ${MAX_PER_TOPIC} (got "${value}")`, EXIT.usage);
  }
  return n;
}

function topicsFrom(list: string): string[] {
  try {
    const topics = validateTopics(splitTopicList(list), themeIds());
    if (topics.length === 0) throw new ValidationError('--topics needs at least one topic', 'topics');
    return topics;
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
}

async function requireByEmail(ctx: CliContext, email: string): Promise<Subscriber> {
  const subscriber = await store(ctx).findByEmail(email);
  if (!subscriber) throw new CliError(`no subscriber with the address ${email.trim()}`, EXIT.failure);
  return subscriber;
}

/** The subscribers of the given statuses, a page at a time. */
async function* everyPage(ctx: CliContext, status: SubscriberStatus | undefined): AsyncGenerator<Subscriber[]> {
  for (const s of status ? [status] : SUBSCRIBER_STATUSES) yield* store(ctx).scanByStatus(s, { batchSize: 500 });
}

/** Every subscriber of the given statuses. */
async function* everyone(ctx: CliContext, status: SubscriberStatus | undefined): AsyncGenerator<Subscriber> {
  for await (const page of everyPage(ctx, status)) yield* page;
}

/** `paperboy subscribers add|import|export|list|link|erase`: the operator's view of the list. */
export function register(program: Command): void {
  const cmd = program.command('subscribers').description('add, import, export, list, link to and erase subscribers');

  cmd
    .command('add <email>')
    .description(
      'add a subscriber: pending with a confirmation email (sent again on each run), or active with --confirmed',
    )
    .requiredOption('--topics <a,b>', `topics, comma-separated (${themeIds().join(', ')})`)
    .option('--per-topic <n>', `papers per topic (1-${MAX_PER_TOPIC})`)
    .option('--no-also-trending', 'leave out "Also trending"')
    .option('--confirmed', 'the person already opted in: make them active and send no confirmation')
    .action(
      async (
        email: string,
        opts: { topics: string; perTopic?: string; alsoTrending: boolean; confirmed?: boolean },
      ) => {
        const topics = topicsFrom(opts.topics);
        const perTopic = parsePerTopic(opts.perTopic);
        await withContext(async (ctx) => {
          let result;
          try {
            result = await store(ctx).add(
              email,
              { topics, perTopic: perTopic ?? 5, alsoTrending: opts.alsoTrending },
              { confirmed: opts.confirmed === true },
            );
          } catch (error) {
            if (error instanceof ValidationError) throw new CliError(error.message, EXIT.usage);
            if (error instanceof SuppressedAddressError)
              throw new CliError(`not added: ${error.message}`, EXIT.failure);
            throw error;
          }
          const { subscriber, outcome } = result;
          out(`${outcome}: ${subscriber.email} (${subscriber.status}, id ${subscriber.id})\n`);
          // Pending: (re)send the confirmation, so running `add` again is also how to retry a failed send. Sent here
          // rather than queued: the operator sees the outcome at once and no worker needs to be running. It takes
          // the shared pacer's priority lane like a queued one, so it never races a digest send into a 429.
          if (subscriber.status === 'pending') {
            const transport = createTransport(ctx.config, ctx.logger);
            const pacer = SendPacer.shared(ctx.redis(), ctx.keyspace, ctx.config.send.rate);
            const job = { kind: 'confirm' as const, subscriberId: subscriber.id, issuedAt: new Date().toISOString() };
            try {
              await sendTransactionalEmail({ config: ctx.config, store: store(ctx), transport, pacer }, job);
              out('confirmation email sent\n');
            } catch (error) {
              throw new CliError(
                `saved as pending, but the confirmation email was not sent (${describeError(error)}); run the same command again to retry`,
                EXIT.partial,
              );
            } finally {
              await transport.close();
            }
          }
        });
      },
    );

  cmd
    .command('import <file>')
    .description('import a CSV with the header "email,topics" (topics separated by ";")')
    .option('--confirmed', 'the list already opted in: import as active (otherwise pending, and nothing is sent)')
    .option('--per-topic <n>', `papers per topic for new subscribers (1-${MAX_PER_TOPIC})`)
    .option('--no-also-trending', 'leave out "Also trending" for new subscribers')
    .action(async (file: string, opts: { confirmed?: boolean; perTopic?: string; alsoTrending: boolean }) => {
      const perTopic = parsePerTopic(opts.perTopic);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CliError(
          `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
          EXIT.usage,
        );
      }
      await withContext(async (ctx) => {
        let report;
        try {
          report = await importSubscribersCsv(store(ctx), text, {
            knownTopics: themeIds(),
            confirmed: opts.confirmed === true,
            alsoTrending: opts.alsoTrending,
            ...(perTopic ? { perTopic } : {}),
          });
        } catch (error) {
          if (error instanceof ValidationError) throw new CliError(`${file}: ${error.message}`, EXIT.usage);
          throw error;
        }
        for (const row of report.rows.filter((r) => r.outcome !== 'unchanged')) {
          out(`line ${row.line}: ${row.outcome} ${row.email}${row.reason ? ` (${row.reason})` : ''}\n`);
        }
        out(
          `added ${report.added}, updated ${report.updated}, unchanged ${report.unchanged}, ` +
            `suppressed ${report.suppressed}, invalid ${report.invalid}\n`,
        );
        if (report.invalid > 0) process.exitCode = EXIT.partial;
      });
    });

  cmd
    .command('export')
    .description('print every subscriber with their votes, follows and mutes, as CSV (importable again) or JSON Lines')
    .option('--format <csv|jsonl>', 'output format', 'csv')
    .option('--status <status>', 'only this status')
    .action(async (opts: { format: string; status?: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'jsonl') {
        throw new CliError(`--format must be csv or jsonl (got "${opts.format}")`, EXIT.usage);
      }
      const status = parseStatus(opts.status);
      await withContext(async (ctx) => {
        if (opts.format === 'csv') out(csvLine(EXPORT_COLUMNS));
        const line = opts.format === 'jsonl' ? exportJsonLine : exportCsvLine;
        const readers = new ReaderStore(ctx.redis(), ctx.keyspace);
        for await (const page of everyPage(ctx, status)) {
          // Votes and follows are personal data too: one round trip per page of subscribers.
          const states = await readers.getMany(page.map((s) => s.id));
          for (const s of page) out(line(s, states.get(s.id) ?? { votes: [], interests: NO_INTERESTS }));
        }
      });
    });

  cmd
    .command('list')
    .description('list subscribers and the count of each status')
    .option('--status <status>', 'only this status')
    .option('--json', 'print a JSON array')
    .action(async (opts: { status?: string; json?: boolean }) => {
      const status = parseStatus(opts.status);
      await withContext(async (ctx) => {
        let first = true;
        if (opts.json) out('[');
        for await (const s of everyone(ctx, status)) {
          if (opts.json) {
            out(`${first ? '' : ','}\n  ${JSON.stringify(s)}`);
          } else {
            out(`${s.id}  ${s.status.padEnd(12)}  ${s.email}  ${s.preferences.topics.join(',')}\n`);
          }
          first = false;
        }
        if (opts.json) {
          out(first ? ']\n' : '\n]\n');
          return;
        }
        const counts = await store(ctx).countByStatus();
        out(`${SUBSCRIBER_STATUSES.map((s) => `${s} ${counts[s]}`).join(', ')}\n`);
      });
    });

  cmd
    .command('link <email>')
    .description('print a signed link for a subscriber')
    .requiredOption('--purpose <purpose>', 'manage, unsubscribe or confirm')
    .action(async (email: string, opts: { purpose: string }) => {
      const purpose = opts.purpose;
      if (purpose !== 'manage' && purpose !== 'unsubscribe' && purpose !== 'confirm') {
        throw new CliError(`--purpose must be manage, unsubscribe or confirm (got "${purpose}")`, EXIT.usage);
      }
      await withContext(async (ctx) => {
        const subscriber = await requireByEmail(ctx, email);
        out(`${createLinkBuilder(ctx.config).url(subscriber.id, purpose)}\n`);
      });
    });

  cmd
    .command('erase <email>')
    .description(
      'remove every trace of a person: record, indexes, votes, follows and mutes, delivery records, outbox files (a suppressed address leaves a keyed hash)',
    )
    .option('--yes', 'do not ask for confirmation (needed without a terminal)')
    .action(async (email: string, opts: { yes?: boolean }) => {
      await withContext(async (ctx) => {
        const subscriber = await requireByEmail(ctx, email);
        if (opts.yes !== true)
          await confirmOnTerminal(
            `Erase ${email} (${subscriber.id}) and every record of them? This cannot be undone.`,
            '--yes',
          );
        const deliveries = await eraseSubscriberDeliveries(ctx.redis(), ctx.keyspace, subscriber.id);
        const files = await eraseOutboxFiles(ctx.config.mail.outboxDir, subscriber.id);
        // Before the record: an erase interrupted here finds the person again when run once more.
        await new ReaderStore(ctx.redis(), ctx.keyspace).erase(subscriber.id);
        await store(ctx).erase(subscriber.id);
        // Again now that the record is gone: a vote or a send in flight may have written since the first sweep, and
        // nothing can once the record is gone.
        await new ReaderStore(ctx.redis(), ctx.keyspace).erase(subscriber.id);
        await eraseReaderOrders(ctx.redis(), ctx.keyspace, subscriber.id);
        out(
          `erased ${subscriber.id}: subscriber record, ${deliveries} delivery record(s), ${files} outbox file(s), votes, follows and mutes\n`,
        );
        if (isSuppressed(subscriber.status)) {
          out(`the address stays suppressed (${subscriber.status}): only a keyed hash of it is kept\n`);
        }
      });
    });
}

/** Deletes the outbox copies of messages to this subscriber (`<date>/<kind>-<id>.eml|.html`). */
async function eraseOutboxFiles(dir: string, subscriberId: string): Promise<number> {
  let removed = 0;
  let dates: string[];
  try {
    dates = await readdir(dir);
  } catch {
    return 0;
  }
  for (const date of dates) {
    let files: string[] = [];
    try {
      files = await readdir(join(dir, date));
    } catch {
      continue;
    }
    for (const file of files) {
      if (file.endsWith(`-${subscriberId}.eml`) || file.endsWith(`-${subscriberId}.html`)) {
        await rm(join(dir, date, file), { force: true });
        removed += 1;
      }
    }
  }
  return removed;
}
