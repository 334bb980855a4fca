import { performance } from 'node:perf_hooks';
import type { RedisClient } from '../shared/redis.ts';
import { PaperboyError } from '../shared/errors.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import type { Logger } from '../shared/logger.ts';
import type { MailTransport, OutgoingMessage, SendBatchOptions, SendOutcome } from './message.ts';

/** Upper bounds (seconds) of the provider call latency histogram; the last bucket is +Inf. */
export const PROVIDER_LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

/** One provider call as the recorder sees it. */
export interface ProviderCall {
  transport: string;
  seconds: number;
  /** `ok` when the call answered (some messages may still have failed), `error` when it threw. */
  outcome: 'ok' | 'error';
  /** Error codes: the thrown error's, or each failed message's. */
  errorCodes: readonly string[];
  /** Messages the provider accepted (outcome `sent`): each message is counted once, however many calls it took. */
  messages: number;
  /** Messages handed to the provider in this call, accepted or not (a retried batch counts again). */
  attempted: number;
}

/** What every process recorded so far, read back for /metrics. */
export interface ProviderMetricsSnapshot {
  calls: { transport: string; outcome: string; count: number }[];
  messages: { transport: string; count: number }[];
  attempts: { transport: string; count: number }[];
  errors: { transport: string; code: string; count: number }[];
  latency: { transport: string; buckets: { le: number; count: number }[]; sum: number; count: number }[];
}

const SEP = '|';

/** KEYS: calls, messages, latency, errors, attempts. ARGV: steps of (key index, command, field, amount). */
const RECORD = `
for i = 1, #ARGV, 4 do redis.call(ARGV[i + 1], KEYS[tonumber(ARGV[i])], ARGV[i + 2], ARGV[i + 3]) end
return 1`;

/**
 * Provider call metrics kept in Redis, so the web process can expose what every worker process recorded: counters
 * are hash fields bumped with HINCRBY, the latency histogram is a fixed set of bucket counters plus a sum.
 */
export class ProviderMetrics {
  private readonly keys;

  constructor(
    private readonly redis: RedisClient,
    ks: Keyspace,
  ) {
    this.keys = {
      calls: ks.key('metrics', 'provider', 'calls'),
      messages: ks.key('metrics', 'provider', 'messages'),
      errors: ks.key('metrics', 'provider', 'errors'),
      latency: ks.key('metrics', 'provider', 'latency'),
      attempts: ks.key('metrics', 'provider', 'attempts'),
    };
  }

  /** Records one call in a single round trip (one script: a Redis Cluster can redirect it whole mid-reshard). */
  async record(call: ProviderCall): Promise<void> {
    const t = call.transport;
    const bucket = PROVIDER_LATENCY_BUCKETS.find((le) => call.seconds <= le);
    // Steps of (key index, HINCRBY or HINCRBYFLOAT, field, amount), keys in the order of RECORD_KEYS.
    const steps: (string | number)[] = [
      ...[1, 'HINCRBY', `${t}${SEP}${call.outcome}`, 1],
      ...[2, 'HINCRBY', t, call.messages],
      ...[3, 'HINCRBY', `${t}${SEP}${bucket ?? '+Inf'}`, 1],
      ...[3, 'HINCRBY', `${t}${SEP}count`, 1],
      ...[3, 'HINCRBYFLOAT', `${t}${SEP}sum`, call.seconds],
      ...[5, 'HINCRBY', t, call.attempted],
    ];
    const codes = new Map<string, number>();
    for (const code of call.errorCodes) codes.set(code, (codes.get(code) ?? 0) + 1);
    for (const [code, n] of codes) steps.push(4, 'HINCRBY', `${t}${SEP}${code}`, n);
    const { calls, messages, latency, errors, attempts } = this.keys;
    await this.redis.eval(RECORD, 5, calls, messages, latency, errors, attempts, ...steps);
  }

  /** Everything recorded, with cumulative histogram buckets as Prometheus expects. */
  async read(): Promise<ProviderMetricsSnapshot> {
    const [calls, messages, errors, latency, attempts] = await Promise.all([
      this.redis.hgetall(this.keys.calls),
      this.redis.hgetall(this.keys.messages),
      this.redis.hgetall(this.keys.errors),
      this.redis.hgetall(this.keys.latency),
      this.redis.hgetall(this.keys.attempts),
    ]);
    const split = (field: string) => {
      const at = field.lastIndexOf(SEP);
      return [field.slice(0, at), field.slice(at + 1)] as const;
    };
    const transports = new Set(Object.keys(latency).map((f) => split(f)[0]));
    return {
      calls: Object.entries(calls).map(([f, v]) => ({
        transport: split(f)[0],
        outcome: split(f)[1],
        count: Number(v),
      })),
      messages: Object.entries(messages).map(([transport, v]) => ({ transport, count: Number(v) })),
      attempts: Object.entries(attempts).map(([transport, v]) => ({ transport, count: Number(v) })),
      errors: Object.entries(errors).map(([f, v]) => ({ transport: split(f)[0], code: split(f)[1], count: Number(v) })),
      latency: [...transports].sort().map((t) => {
        let running = 0;
        const buckets = PROVIDER_LATENCY_BUCKETS.map((le) => {
          running += Number(latency[`${t}${SEP}${le}`] ?? 0);
          return { le, count: running };
        });
        return {
          transport: t,
          buckets,
          sum: Number(latency[`${t}${SEP}sum`] ?? 0),
          count: Number(latency[`${t}${SEP}count`] ?? 0),
        };
      }),
    };
  }
}

/** The code a thrown error is counted under: our typed code, else the error's name. */
function errorCode(error: unknown): string {
  if (error instanceof PaperboyError) return error.code;
  return error instanceof Error ? error.name : 'unknown';
}

/**
 * A MailTransport that times every provider call and counts its errors into ProviderMetrics, then behaves exactly
 * like the transport it wraps (same results, same thrown errors). A metrics write that fails is logged, never
 * allowed to fail a send.
 */
export class InstrumentedTransport implements MailTransport {
  readonly name: string;
  readonly maxBatchSize: number;

  constructor(
    private readonly inner: MailTransport,
    private readonly metrics: ProviderMetrics,
    private readonly logger?: Logger,
  ) {
    this.name = inner.name;
    this.maxBatchSize = inner.maxBatchSize;
  }

  async sendBatch(messages: readonly OutgoingMessage[], options: SendBatchOptions): Promise<SendOutcome[]> {
    const started = performance.now();
    const finish = (outcome: 'ok' | 'error', errorCodes: string[], accepted: number) =>
      this.metrics
        .record({
          transport: this.name,
          seconds: (performance.now() - started) / 1000,
          outcome,
          errorCodes,
          messages: accepted,
          attempted: messages.length,
        })
        .catch((error: unknown) =>
          this.logger?.warn({ error: error instanceof Error ? error.message : String(error) }, 'metrics write failed'),
        );
    try {
      const results = await this.inner.sendBatch(messages, options);
      await finish(
        'ok',
        results.flatMap((r) => (r.status === 'failed' ? [r.code] : [])),
        results.filter((r) => r.status === 'sent').length,
      );
      return results;
    } catch (error) {
      await finish('error', [errorCode(error)], 0);
      throw error;
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
