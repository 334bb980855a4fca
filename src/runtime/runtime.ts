import type { RedisClient } from '../shared/redis.ts';
import type { Config } from '../config/index.ts';
import { DeliveryLedger, ProfileRenderer, ReaderAssembler, SendPacer } from '../deliveries/index.ts';
import { ReaderStore } from '../relevance/index.ts';
import { createTransport, InstrumentedTransport, ProviderMetrics, type MailTransport } from '../mail/index.ts';
import { PapersClient } from '../papers/index.ts';
import { openQueues, type Queues } from '../queue/index.ts';
import { createKeyspace, type Keyspace } from '../shared/keyspace.ts';
import type { Logger } from '../shared/logger.ts';
import { connectRedis } from '../shared/redis.ts';
import { SubscriberStore } from '../subscribers/index.ts';

/** Everything a process needs, built once from the config and passed down (no globals). */
export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly redis: RedisClient;
  readonly keyspace: Keyspace;
  readonly store: SubscriberStore;
  readonly ledger: DeliveryLedger;
  readonly papers: PapersClient;
  readonly transport: MailTransport;
  readonly renderer: ProfileRenderer;
  /** Each reader's own digest (sent when PERSONAL_DIGESTS=true, and on the retries of batches sent so). */
  readonly readers: ReaderAssembler;
  readonly pacer: SendPacer;
  readonly queues: Queues;
  close(): Promise<void>;
}

export interface RuntimeOverrides {
  transport?: MailTransport;
}

export function createRuntime(config: Config, logger: Logger, overrides: RuntimeOverrides = {}): Runtime {
  const redis = connectRedis(config.redis.url);
  const keyspace = createKeyspace(config.redis.prefix);
  const inner = overrides.transport ?? createTransport(config, logger);
  const transport = new InstrumentedTransport(inner, new ProviderMetrics(redis, keyspace), logger);
  const queues = openQueues(redis, keyspace);
  const context = { postalAddress: config.mail.postalAddress, publicBaseUrl: config.web.publicBaseUrl };
  return {
    config,
    logger,
    redis,
    keyspace,
    store: new SubscriberStore(redis, keyspace),
    ledger: new DeliveryLedger(redis, keyspace, config.retention.deliverySeconds),
    papers: new PapersClient({ ...config.papers, logger }),
    transport,
    renderer: new ProfileRenderer(redis, keyspace, config.templateEngine, context),
    readers: new ReaderAssembler(
      redis,
      keyspace,
      new ReaderStore(redis, keyspace),
      config.templateEngine,
      context,
      config.retention.deliverySeconds,
      config.send.skipEmptyDigest,
    ),
    pacer: SendPacer.shared(redis, keyspace, config.send.rate),
    queues,
    close: async () => {
      await queues.close();
      await transport.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
