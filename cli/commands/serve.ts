import type { Command } from 'commander';
import { connectWebRedis } from '../../src/shared/redis.ts';
import { probeRedis } from '../../src/shared/redis-probe.ts';
import { buildWebApp } from '../../src/web/index.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext } from '../context.ts';

/** `paperboy serve`: the public web pages, one-click unsubscribe and the Resend webhook, until SIGINT/SIGTERM. */
export function register(program: Command): void {
  program
    .command('serve')
    .description('Serve the subscribe, confirm, preferences and unsubscribe pages and the Resend webhook')
    .option('--port <port>', 'port to listen on (default: PORT)')
    .option('--host <host>', 'address to bind (default: HOST)')
    .action(async (options: { port?: string; host?: string }) => {
      await withContext(async (ctx) => {
        const port = options.port === undefined ? ctx.config.web.port : Number(options.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new CliError(`--port must be a whole number from 0 to 65535 (got "${options.port}")`, EXIT.usage);
        }
        const host = options.host ?? ctx.config.web.host;
        await ensureRedisAnswers(ctx.config.redis.url);
        // The web sends no mail itself: it queues transactional emails for `paperboy worker`.
        // Its own connection that fails fast (503) while Redis is down, unlike the CLI's, which waits.
        const redis = connectWebRedis(ctx.config.redis.url);
        const app = await buildWebApp({
          config: ctx.config,
          logger: ctx.logger,
          redis,
          keyspace: ctx.keyspace,
        });
        try {
          await app.listen({ port, host });
        } catch (error) {
          await app.close();
          redis.disconnect();
          throw new CliError(`could not listen on ${host}:${port}: ${(error as Error).message}`, EXIT.unavailable);
        }
        // Signals are handled before the line that says it is up, so a stop right after it is graceful.
        const signalled = waitForSignal();
        ctx.logger.info({ url: ctx.config.web.publicBaseUrl, listening: `${host}:${port}` }, 'paperboy web is up');
        await signalled;
        ctx.logger.info('shutting down the web server');
        await app.close();
        await redis.quit().catch(() => redis.disconnect());
      });
    });
}

async function ensureRedisAnswers(url: string): Promise<void> {
  const probe = await probeRedis(url);
  if (probe.ok) return;
  if (probe.reason !== 'unreachable') throw new CliError(probe.message, EXIT.config);
  throw new CliError(`${probe.message}; start Redis first`, EXIT.unavailable);
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
