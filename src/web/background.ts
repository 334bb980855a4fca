import type { Logger } from '../shared/logger.ts';

/**
 * Work a request starts but does not wait for (sending an email), so every answer to `POST /subscribe` takes the
 * same time whatever the address. Failures are logged; `idle()` waits for everything started so far (tests, close).
 * Work can also be scheduled for later (`later`); `cancelLater()` drops what has not started yet (on close: the
 * schedule in Redis keeps it, and the next start picks it up).
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();
  private readonly waiting = new Set<() => void>();
  private closing = false;

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

  /** Runs `work` in the background after `delayMs`, unless `cancelLater()` comes first (or came already). */
  later(what: string, delayMs: number, work: () => Promise<unknown>): void {
    if (this.closing) return;
    this.run(what, async () => {
      const due = await new Promise<boolean>((resolve) => {
        const cancel = () => {
          clearTimeout(timer);
          this.waiting.delete(cancel);
          resolve(false);
        };
        const timer = setTimeout(() => {
          this.waiting.delete(cancel);
          resolve(true);
        }, delayMs);
        this.waiting.add(cancel);
      });
      if (due) await work();
    });
  }

  /** Drops every `later` whose time has not come, and every one asked for from now on. */
  cancelLater(): void {
    this.closing = true;
    for (const cancel of [...this.waiting]) cancel();
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
