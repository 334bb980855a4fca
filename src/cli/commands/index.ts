import type { Command } from 'commander';
import { register as classify } from './classify.ts';
import { register as deliveries } from './deliveries.ts';
import { register as demo } from './demo.ts';
import { register as edition } from './edition.ts';
import { register as papers } from './papers.ts';
import { register as preview } from './preview.ts';
import { register as render } from './render.ts';
import { register as run } from './run.ts';
import { register as schedule } from './schedule.ts';
import { register as serve } from './serve.ts';
import { register as subscribers } from './subscribers.ts';
import { register as worker } from './worker.ts';

/** Every command, in the order `--help` lists them. Each command file exports one `register(program)`. */
export function registerCommands(program: Command): void {
  for (const register of [
    demo,
    run,
    worker,
    schedule,
    deliveries,
    subscribers,
    serve,
    papers,
    edition,
    classify,
    render,
    preview,
  ]) {
    register(program);
  }
}
