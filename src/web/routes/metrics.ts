import type { FastifyPluginAsync } from 'fastify';
import { Registry, type Metric } from 'prom-client';
import { DELIVERY_STATUSES, DeliveryLedger } from '../../deliveries/index.ts';
import { loadEdition, recentEditionDates } from '../../editions/index.ts';
import { PROVIDER_LATENCY_BUCKETS, ProviderMetrics } from '../../mail/index.ts';
import { readLastEdition } from '../../pipeline/index.ts';
import { openQueues, type Queues } from '../../queue/index.ts';
import type { WebContext } from '../context.ts';
import { requireAdmin } from './admin.ts';

/** Editions whose deliveries and paper counts are exported (newest first). */
const RECENT_EDITIONS = 7;
/** Job states exported per queue. */
const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

type Labels = Partial<Record<string, string | number>>;
interface Sample {
  labels: Labels;
  value: number;
  metricName?: string;
}

/**
 * A metric whose samples are read fresh from Redis on every scrape. Each scrape builds its own sample list, so
 * two scrapes at once cannot see each other's half-reset values (as a shared Gauge's `collect` could), and a
 * histogram can be exported from bucket counters other processes wrote. prom-client formats it like any other.
 */
function redisMetric(
  name: string,
  help: string,
  type: 'gauge' | 'counter' | 'histogram',
  read: () => Promise<Sample[]>,
): Metric {
  const metric = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: await read() }),
    reset: () => undefined,
  };
  return metric as unknown as Metric;
}

/** The app's metrics registry (never prom-client's global one, so two apps in one process stay apart). */
export function createMetricsRegistry(ctx: WebContext, queues: Queues): Registry {
  const { redis, keyspace } = ctx.deps;
  const ledger = new DeliveryLedger(redis, keyspace);
  const provider = new ProviderMetrics(redis, keyspace);
  const registry = new Registry();
  const recent = () => recentEditionDates(redis, keyspace, RECENT_EDITIONS);
  const all = () => [queues.edition, queues.send, queues.transactional];

  registry.registerMetric(
    redisMetric('paperboy_queue_jobs', 'Jobs in each BullMQ queue by state.', 'gauge', async () => {
      const samples: Sample[] = [];
      // BullMQ's current counts: a failed job that is retried leaves the failed set, so the gauge goes down.
      for (const queue of all()) {
        const counts = await queue.getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES)
          samples.push({ labels: { queue: queue.name, state }, value: counts[state] ?? 0 });
      }
      return samples;
    }),
  );
  registry.registerMetric(
    redisMetric(
      'paperboy_queue_paused',
      'Whether a queue is paused (1), e.g. the send queue after a quota error.',
      'gauge',
      async () => {
        const samples: Sample[] = [];
        for (const queue of all()) {
          samples.push({ labels: { queue: queue.name }, value: (await queue.isPaused()) ? 1 : 0 });
        }
        return samples;
      },
    ),
  );
  registry.registerMetric(
    redisMetric(
      'paperboy_deliveries',
      `Deliveries of the latest ${RECENT_EDITIONS} editions by status (from the send ledger).`,
      'gauge',
      async () => {
        const samples: Sample[] = [];
        for (const date of await recent()) {
          const counts = await ledger.counts(date);
          for (const status of DELIVERY_STATUSES) samples.push({ labels: { date, status }, value: counts[status] });
        }
        return samples;
      },
    ),
  );
  registry.registerMetric(
    redisMetric(
      'paperboy_queue_workers',
      'Workers connected to each queue (0 on the send queue means nothing will go out).',
      'gauge',
      async () => {
        const samples: Sample[] = [];
        for (const queue of all())
          samples.push({ labels: { queue: queue.name }, value: await queue.getWorkersCount() });
        return samples;
      },
    ),
  );
  registry.registerMetric(
    redisMetric('paperboy_subscribers', 'Subscribers by status (active ones receive the digest).', 'gauge', async () =>
      Object.entries(await ctx.store.countByStatus()).map(([status, value]) => ({ labels: { status }, value })),
    ),
  );
  const last = () => readLastEdition(redis, keyspace);
  registry.registerMetric(
    redisMetric(
      'paperboy_last_edition_finished_timestamp_seconds',
      'When the last edition finished (Unix time); absent before the first one.',
      'gauge',
      async () => {
        const l = await last();
        return l ? [{ labels: { date: l.date }, value: l.finishedAt / 1000 }] : [];
      },
    ),
  );
  registry.registerMetric(
    redisMetric(
      'paperboy_last_edition_deliveries',
      'Deliveries of the last finished edition by status, as its finish step counted them.',
      'gauge',
      async () => {
        const l = await last();
        if (!l) return [];
        return (['sent', 'failed', 'unknown', 'skipped'] as const).map((status) => ({
          labels: { date: l.date, status },
          value: l[status],
        }));
      },
    ),
  );
  registry.registerMetric(
    redisMetric('paperboy_editions_built', 'Editions built and stored.', 'gauge', async () => [
      { labels: {}, value: (await recentEditionDates(redis, keyspace, 100_000)).length },
    ]),
  );
  registry.registerMetric(
    redisMetric(
      'paperboy_edition_papers',
      `Papers in each of the latest ${RECENT_EDITIONS} editions.`,
      'gauge',
      async () => {
        const samples: Sample[] = [];
        for (const date of await recent()) {
          const edition = await loadEdition(redis, keyspace, date);
          samples.push({ labels: { date }, value: edition?.counts.papers ?? 0 });
        }
        return samples;
      },
    ),
  );
  registry.registerMetric(
    redisMetric('paperboy_provider_calls_total', 'Calls to the mail provider by outcome.', 'counter', async () =>
      (await provider.read()).calls.map((c) => ({
        labels: { transport: c.transport, outcome: c.outcome },
        value: c.count,
      })),
    ),
  );
  registry.registerMetric(
    redisMetric(
      'paperboy_provider_messages_total',
      'Messages the mail provider accepted, each counted once.',
      'counter',
      async () => (await provider.read()).messages.map((m) => ({ labels: { transport: m.transport }, value: m.count })),
    ),
  );
  registry.registerMetric(
    redisMetric(
      'paperboy_provider_message_attempts_total',
      'Messages handed to the mail provider, once per call (a retried batch counts again).',
      'counter',
      async () => (await provider.read()).attempts.map((m) => ({ labels: { transport: m.transport }, value: m.count })),
    ),
  );
  registry.registerMetric(
    redisMetric(
      'paperboy_provider_errors_total',
      'Mail provider errors by code (a failed call, or a failed message of a batch).',
      'counter',
      async () =>
        (await provider.read()).errors.map((e) => ({
          labels: { transport: e.transport, code: e.code },
          value: e.count,
        })),
    ),
  );
  registry.registerMetric(
    redisMetric(
      'paperboy_provider_call_duration_seconds',
      `Mail provider call latency (buckets ${PROVIDER_LATENCY_BUCKETS.join(', ')} s).`,
      'histogram',
      async () =>
        (await provider.read()).latency.flatMap((h): Sample[] => {
          const name = 'paperboy_provider_call_duration_seconds';
          const transport = h.transport;
          return [
            ...h.buckets.map((b) => ({
              metricName: `${name}_bucket`,
              labels: { transport, le: b.le },
              value: b.count,
            })),
            { metricName: `${name}_bucket`, labels: { transport, le: '+Inf' }, value: h.count },
            { metricName: `${name}_sum`, labels: { transport }, value: h.sum },
            { metricName: `${name}_count`, labels: { transport }, value: h.count },
          ];
        }),
    ),
  );
  return registry;
}

/**
 * GET /metrics in the Prometheus text format: queue depths per state, connected workers, subscribers, the last
 * finished edition, deliveries by status, papers per edition, editions built, provider messages, latency and errors
 * (deploy/prometheus/paperboy-rules.yml alerts on them). Behind the admin login when ADMIN_PASSWORD is set (configure
 * Prometheus' `basic_auth`), open otherwise.
 */
export const metricsRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  const queues = openQueues(ctx.deps.redis, ctx.deps.keyspace);
  app.addHook('onClose', async () => {
    await queues.close();
  });
  const password = ctx.deps.config.adminPassword;
  if (password) await requireAdmin(app, ctx, password);
  else ctx.deps.logger.warn('ADMIN_PASSWORD is not set: /metrics is served without authentication');
  const registry = createMetricsRegistry(ctx, queues);
  app.get('/metrics', async (_request, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).header('cache-control', 'no-store').send(body);
  });
};
