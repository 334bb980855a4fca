import { Command, CommanderError } from 'commander';
import { loadConfig } from '../src/config/index.ts';
import { probeRedis } from '../src/shared/redis-probe.ts';
import { PaperboyError } from '../src/shared/errors.ts';
import { CliError, EXIT } from './cli-error.ts';
import { endQuietlyOnClosedPipe } from './closed-pipe.ts';
import { packageVersion } from './version.ts';
import { registerCommands } from './commands/index.ts';
import { loadDotEnv } from './env-file.ts';

// The CLI entry only wires commands; each command lives in its own file under ./commands.
endQuietlyOnClosedPipe();
const program = new Command('paperboy')
  .description('Paperboy: a personalised daily digest of Hugging Face Daily Papers, by theme, by email.')
  .version(packageVersion(), '-V, --version', 'print the version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

await registerCommands(program, process.argv);

// Commands that talk to Redis check it first, so a dead Redis is one clear line and exit code 4, not a hang.
const WITHOUT_REDIS = new Set(['classify', 'demo', 'preview', 'help']);
program.hook('preAction', async (_program, action) => {
  let root = action;
  while (root.parent && root.parent !== program) root = root.parent;
  if (WITHOUT_REDIS.has(root.name())) return;
  await requireRedis(loadConfig(process.env).redis.url);
});

try {
  // `.env` (if any) joins the environment before any command reads the config; variables already set win.
  loadDotEnv();
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version are not failures; commander already printed its message.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof CliError) {
    process.stderr.write(`paperboy: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof PaperboyError) {
    process.stderr.write(`paperboy: ${error.message}\n`);
    if (error.code === 'config_invalid') return EXIT.config;
    if (error.code === 'redis_unavailable') return EXIT.unavailable;
    return error.code === 'validation_error' ? EXIT.usage : EXIT.failure;
  }
  process.stderr.write(
    `paperboy: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return EXIT.failure;
}

async function requireRedis(url: string): Promise<void> {
  const probe = await probeRedis(url, 3000);
  if (probe.ok) return;
  // One node of a cluster named as a server (it would answer MOVED), or the reverse: a configuration mistake.
  if (probe.reason !== 'unreachable')
    throw new PaperboyError(probe.message, { code: 'config_invalid', retryable: false });
  throw new PaperboyError(`${probe.message}. Start one with: docker compose up -d redis (or set REDIS_URL)`, {
    code: 'redis_unavailable',
    retryable: false,
  });
}
