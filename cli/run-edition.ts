import { followEdition, type EditionOutcome } from '../src/pipeline/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import { progressLine } from './progress.ts';

export interface RunOptions {
  /** True when starting it restarted a failed edition. */
  restarted: boolean;
  /** Show a live bar (a terminal) or only the final summary. */
  live: boolean;
  out: NodeJS.WritableStream;
}

/** Waits for an edition that was just started, drawing progress, then returns the outcome. */
export async function runAndWait(
  rt: Runtime,
  date: string,
  options: RunOptions,
): Promise<Exclude<EditionOutcome, { state: 'not queued' }>> {
  if (options.restarted) options.out.write(`edition ${date} had failed: started again from its failed stage\n`);
  let drawn = false;
  const outcome = await followEdition(rt, date, (counts, rate) => {
    if (!options.live) return;
    options.out.write(`\r${progressLine(counts, rate)}`);
    drawn = true;
  });
  if (drawn) options.out.write('\n');
  return outcome.state === 'not queued' ? { state: 'failed', reason: `no edition job for ${date}` } : outcome;
}

/** How many workers are connected to the edition queue (to tell the operator to start one). */
export async function connectedWorkers(rt: Runtime): Promise<number> {
  const workers = await rt.queues.edition.getWorkers().catch(() => []);
  return workers.length;
}

/** Prints an edition summary as plain lines. */
export function printSummary(out: NodeJS.WritableStream, summary: Record<string, unknown>): void {
  const get = (k: string) => String((summary[k] as string | number | undefined) ?? 0);
  out.write(
    `Edition ${get('date')}: ${get('papers')} papers, ${get('recipients')} recipients: ${get('sent')} sent, ${get('failed')} failed, ${get('skipped')} skipped\n`,
  );
}
