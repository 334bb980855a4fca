import { followEdition, type EditionOutcome } from '../src/pipeline/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import { CliError, EXIT } from './cli-error.ts';
import { progressLine } from './progress.ts';

export interface RunOptions {
  /** True when starting it restarted a failed edition. */
  restarted: boolean;
  /** Show a live bar (a terminal) or only the final summary. */
  live: boolean;
  out: NodeJS.WritableStream;
  /**
   * Give up (a CliError) once no worker has been connected to the edition queue for this long, instead of waiting
   * forever for an edition nobody will run. Undefined: wait regardless (e.g. workers run in this process).
   */
  noWorkerGraceMs?: number;
}

/** Waits for an edition that was just started, drawing progress, then returns the outcome. */
export async function runAndWait(
  rt: Runtime,
  date: string,
  options: RunOptions,
): Promise<Exclude<EditionOutcome, { state: 'not queued' }>> {
  if (options.restarted) options.out.write(`edition ${date} had failed: started again from its failed stage\n`);
  let drawn = false;
  const watch = options.noWorkerGraceMs === undefined ? undefined : watchWorkers(rt);
  let outcome: EditionOutcome;
  try {
    outcome = await followEdition(rt, date, (counts, rate) => {
      const grace = options.noWorkerGraceMs;
      if (watch && grace !== undefined && watch.missingForMs() > grace) {
        throw new CliError(
          `no worker is connected, so edition ${date} is not moving: gave up after ${Math.round(grace / 1000)} s. It stays queued; start \`paperboy worker\` (or run with --inline)`,
          EXIT.failure,
        );
      }
      if (!options.live) return;
      options.out.write(`\r${progressLine(counts, rate)}`);
      drawn = true;
    });
  } finally {
    watch?.stop();
    if (drawn) options.out.write('\n');
  }
  return outcome.state === 'not queued' ? { state: 'failed', reason: `no edition job for ${date}` } : outcome;
}

/** How many workers are connected to the edition queue (to tell the operator to start one). */
export async function connectedWorkers(rt: Runtime): Promise<number> {
  const workers = await rt.queues.edition.getWorkers().catch(() => []);
  return workers.length;
}

/** Polls the edition queue's workers every second; `missingForMs` is how long none has been seen (0 if one is). */
function watchWorkers(rt: Runtime): { missingForMs: () => number; stop: () => void } {
  let lastSeen = Date.now();
  const check = () =>
    rt.queues.edition.getWorkersCount().then(
      (n) => {
        if (n > 0) lastSeen = Date.now();
      },
      // A Redis that cannot list clients tells us nothing: never give up because of it.
      () => {
        lastSeen = Date.now();
      },
    );
  void check();
  const timer = setInterval(() => void check(), 1000);
  return { missingForMs: () => Date.now() - lastSeen, stop: () => clearInterval(timer) };
}

/** Prints an edition summary as plain lines. */
export function printSummary(out: NodeJS.WritableStream, summary: Record<string, unknown>): void {
  const get = (k: string) => String((summary[k] as string | number | undefined) ?? 0);
  out.write(
    `Edition ${get('date')}: ${get('papers')} papers, ${get('recipients')} recipients: ${get('sent')} sent, ${get('failed')} failed, ${get('skipped')} skipped\n`,
  );
}
