import type { Command } from 'commander';
import { loadEdition, recentEditionDates } from '../../src/editions/index.ts';
import { startPreviewServer } from '../../src/render/preview/index.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext } from '../context.ts';

const REDIS_TIMEOUT_MS = 2000;

/** Gives up on a slow Redis so the preview still serves the templates' own sample data. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `paperboy preview [--port N]`: serves every template x engine x sample on localhost, reloading on edits. */
export function register(program: Command): void {
  program
    .command('preview')
    .description(
      'serve a live preview of every email template (both engines side by side, mobile, dark mode, plain text)',
    )
    .option('--port <n>', 'port to listen on (default: PREVIEW_PORT, 3001)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--templates <dir>', "render and watch this templates folder instead of the repository's templates/")
    .option('--no-type-check', 'do not type-check the templates after each edit')
    .action(async (opts: { port?: string; host: string; templates?: string; typeCheck: boolean }) => {
      const port = opts.port === undefined ? undefined : Number(opts.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535))
        throw new CliError(`--port must be a port number (got "${opts.port}")`, EXIT.usage);
      await withContext(async (ctx) => {
        const server = await startPreviewServer({
          config: ctx.config,
          ...(port === undefined ? {} : { port }),
          host: opts.host,
          ...(opts.templates === undefined ? {} : { templatesDir: opts.templates }),
          typeCheck: opts.typeCheck,
          logger: ctx.logger,
          editions: {
            load: (date) => within(loadEdition(ctx.redis(), ctx.keyspace, date), REDIS_TIMEOUT_MS),
            recent: () => within(recentEditionDates(ctx.redis(), ctx.keyspace), REDIS_TIMEOUT_MS),
          },
        }).catch((error: unknown) => {
          const code = (error as NodeJS.ErrnoException).code;
          throw new CliError(
            code === 'EADDRINUSE' ? `port ${port ?? ctx.config.web.previewPort} is in use (try --port)` : String(error),
            EXIT.unavailable,
          );
        });
        process.stdout.write(
          `Paperboy preview on ${server.url} (edit templates/ and open pages reload; Ctrl-C stops)\n`,
        );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await server.close();
      });
    });
}
