import type { Logger } from '../shared/logger.ts';

/**
 * Work a request starts but does not wait for (the address-dependent part of `POST /subscribe`: the lookup, the new
 * record, queuing the email), so every answer to it takes the same time whatever the address. Failures are logged;
 * `idle()` waits for everything started so far (tests, close).
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(what: string, work: () => Promise<unknown>): void {
    const task = (async () => {
      try {
        await work();
      } catch (error) {
        this.logger.error({ err: error, what }, 'background work failed');
      }
    })();
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
