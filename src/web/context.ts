import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/index.ts';
import { enqueueTransactional, openTransactionalQueue } from '../queue/index.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import type { Logger } from '../shared/logger.ts';
import { SubscriberStore, createLinkBuilder, type LinkBuilder } from '../subscribers/index.ts';
import { BackgroundWork } from './background.ts';
import { TransactionalMailer } from '../transactional/index.ts';
import { RateLimiter } from './rate-limit.ts';
import { defaultTopics, type TopicOption } from './topics.ts';

/** What the web app is built from. */
export interface WebDeps {
  config: Config;
  logger: Logger;
  redis: Redis;
  keyspace: Keyspace;
  /** The topics a subscriber can pick; the theme taxonomy by default. */
  topics?: readonly TopicOption[];
  /** The clock (tests). */
  now?: () => Date;
}

/** Everything a route group needs, built once per app and handed to each route plugin. */
export interface WebContext {
  readonly deps: WebDeps;
  readonly store: SubscriberStore;
  readonly links: LinkBuilder;
  readonly topics: readonly TopicOption[];
  /** Queues transactional emails; a worker sends them (`paperboy worker`). */
  readonly mailer: TransactionalMailer;
  /** The queue behind `mailer` (closed with the app). */
  readonly transactionalQueue: Queue;
  readonly limiter: RateLimiter;
  /** The address-dependent work of POST /subscribe, done after the answer so its timing says nothing. */
  readonly background: BackgroundWork;
  readonly topicLabel: (id: string) => string;
}

export function createWebContext(deps: WebDeps): WebContext {
  const topics = deps.topics ?? defaultTopics();
  const labels = new Map(topics.map((t) => [t.id, t.label]));
  const topicLabel = (id: string): string => labels.get(id) ?? id;
  const links = createLinkBuilder(deps.config, deps.now ? { now: deps.now } : {});
  const transactionalQueue = openTransactionalQueue(deps.redis, deps.keyspace);
  // A queue emits its connection's errors; unheard, an 'error' event would crash the process.
  transactionalQueue.on('error', (error) => deps.logger.warn({ err: error }, 'transactional queue: Redis error'));
  return {
    deps,
    store: new SubscriberStore(deps.redis, deps.keyspace),
    links,
    topics,
    mailer: new TransactionalMailer((job) => enqueueTransactional(transactionalQueue, job), deps.now),
    transactionalQueue,
    limiter: new RateLimiter(deps.redis, deps.keyspace),
    background: new BackgroundWork(deps.logger),
    topicLabel,
  };
}
