import type { Command } from 'commander';

/** Every command, in the order `--help` lists them. Each command file exports one `register(program)`. */
export function registerCommands(program: Command): void {
  void program;
}
