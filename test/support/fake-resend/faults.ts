/** Injected failures: a script consumed one step per API request, and requests parked until a test releases them. */
import type { ServerResponse } from 'node:http';
import { quotaError } from './limits.ts';
import { respond } from './reply.ts';
import { errorOutcome, type FailureStep, type FakeResendSettings, type RecordedRequest } from './types.ts';

interface Parked {
  record: RecordedRequest;
  resume: (then: FailureStep | undefined) => void;
}

export class FaultScript {
  private steps: FailureStep[];
  private parked = new Map<number, Parked>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    initial: readonly FailureStep[],
    private readonly settings: FakeResendSettings,
  ) {
    this.steps = [...initial];
  }

  push(...steps: FailureStep[]): number {
    this.steps.push(...steps);
    return this.steps.length;
  }

  /** The next step for a request, if any. */
  next(): FailureStep | undefined {
    return this.steps.shift();
  }

  /** Parks a request until `release`; resolves with the step to answer it by (undefined: serve it normally). */
  hold(record: RecordedRequest): Promise<FailureStep | undefined> {
    record.status = 'held';
    return new Promise((resume) => this.parked.set(record.seq, { record, resume }));
  }

  held(): RecordedRequest[] {
    return [...this.parked.values()].map((p) => p.record).sort((a, b) => a.seq - b.seq);
  }

  release(seq: number, then?: FailureStep): void {
    const parked = this.parked.get(seq);
    if (!parked) throw new Error(`no request #${seq} is held`);
    this.parked.delete(seq);
    parked.record.status = 0;
    parked.resume(then);
  }

  /** Waits `ms` on a timer that `stop` cancels. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  /** Answers (or drops) a request as `step` says. */
  async inject(
    step: FailureStep,
    res: ServerResponse,
    record: RecordedRequest,
    headers: Record<string, string>,
  ): Promise<void> {
    switch (step.kind) {
      case 'status': {
        const name = step.name ?? (step.status === 500 ? 'internal_server_error' : 'application_error');
        respond(res, record, errorOutcome(step.status, name, step.message ?? 'Injected failure.'), headers);
        return;
      }
      case 'html':
        record.status = step.status;
        res.writeHead(step.status, { 'content-type': 'text/html', ...headers });
        res.end('<html><body><h1>Bad gateway</h1></body></html>');
        return;
      case 'drop':
        record.status = 'dropped';
        res.socket?.destroy();
        return;
      case 'hang':
        record.status = 'hung';
        if (step.ms !== undefined) await this.sleep(step.ms).then(() => res.socket?.destroy());
        return;
      case 'hold':
        return this.inject((await this.hold(record)) ?? { kind: 'drop' }, res, record, headers);
      case 'rate-limit': {
        const retry = String(step.retryAfterS ?? 1);
        const limit = String(this.settings.rateLimit ?? 2);
        const rl = { 'ratelimit-limit': limit, 'ratelimit-remaining': '0', 'ratelimit-reset': retry };
        const message = 'Too many requests. Please limit the number of requests per second.';
        respond(res, record, errorOutcome(429, 'rate_limit_exceeded', message), {
          ...headers,
          ...rl,
          'retry-after': retry,
        });
        return;
      }
      case 'quota':
        respond(res, record, quotaError(step.which), headers);
        return;
    }
  }

  /** Forgets the script; parked requests are dropped. */
  reset(): void {
    this.steps = [];
    for (const seq of [...this.parked.keys()]) this.release(seq, { kind: 'drop' });
  }

  /** Cancels timers and drops parked requests (the server is closing). */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.reset();
  }
}
