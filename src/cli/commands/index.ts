import type { Command } from 'commander';
import { register as classify } from './classify.ts';
import { register as demo } from './demo.ts';
import { register as edition } from './edition.ts';
import { register as papers } from './papers.ts';
import { register as run } from './run.ts';
import { register as worker } from './worker.ts';

/** Every command, in the order `--help` lists them. Each command file exports one `register(program)`. */
export function registerCommands(program: Command): void {
  for (const register of [demo, run, worker, papers, edition, classify]) register(program);
}
