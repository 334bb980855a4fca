import type { Command } from 'commander';

type CommandModule = { register(program: Command): void };

/** Every command, in the order `--help` lists them. Each command file exports one `register(program)`. */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  demo: () => import('./demo.ts'),
  run: () => import('./run.ts'),
  worker: () => import('./worker.ts'),
  schedule: () => import('./schedule.ts'),
  deliveries: () => import('./deliveries.ts'),
  transactional: () => import('./transactional.ts'),
  subscribers: () => import('./subscribers.ts'),
  serve: () => import('./serve.ts'),
  papers: () => import('./papers.ts'),
  edition: () => import('./edition.ts'),
  classify: () => import('./classify.ts'),
  render: () => import('./render.ts'),
  preview: () => import('./preview.ts'),
};

/**
 * Registers the commands. Only the invoked command's module is loaded (a worker never loads the web server, the
 * dashboard or the preview), which keeps start-up fast and each process small; `--help` and unknown names load all.
 */
export async function registerCommands(program: Command, argv: readonly string[]): Promise<void> {
  const name = argv.slice(2).find((a) => !a.startsWith('-'));
  const wanted = name !== undefined && name in COMMANDS ? [name] : Object.keys(COMMANDS);
  const modules = await Promise.all(wanted.map((n) => COMMANDS[n]!()));
  for (const mod of modules) mod.register(program);
}
