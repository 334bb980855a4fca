import { startWorkers } from '../../jobs/workers.ts';
import type { Config } from '../../src/config/index.ts';
import { enqueueEdition } from '../../src/queue/index.ts';
import { createRuntime } from '../../src/runtime/index.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { waitForEditionFinish } from './worker-process.ts';

/** Runs an edition through the real pipeline (workers in this process, the config's transport) to its finish. */
export async function sendEditionInProcess(config: Config, date: string, timeoutMs = 60_000): Promise<void> {
  const rt = createRuntime(config, silentLogger());
  const workers = startWorkers(rt, { lockDurationMs: 5000 });
  try {
    await enqueueEdition(rt.queues, date);
    await waitForEditionFinish(rt.queues, date, timeoutMs);
  } finally {
    await workers.close();
    await rt.close();
  }
}
