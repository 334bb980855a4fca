import type { Queue } from 'bullmq';
import type { RedisClient } from '../shared/redis.ts';
import type { Config } from '../config/index.ts';
import { enqueueTransactional, openTransactionalQueue } from '../queue/index.ts';
import { ReaderStore } from '../relevance/index.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import type { Logger } from '../shared/logger.ts';
import { SubscriberStore, createLinkBuilder, type LinkBuilder } from '../subscribers/index.ts';
import { BackgroundWork } from './background.ts';
import { EditionPapers } from './edition-papers.ts';
import { TransactionalMailer } from '../transactional/index.ts';
import { LoginGuard } from './login-guard.ts';
import { NoticeSchedule } from './notice-schedule.ts';
import { Notices } from './notices.ts';
import { RateLimiter } from './rate-limit.ts';
import { defaultTopics, type TopicOption } from './topics.ts';

/** What the web app is built from. */
export interface WebDeps {
  config: Config;
  logger: Logger;
  redis: RedisClient;
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
  /** Each reader's votes and follows/mutes (feedback links, the preferences page). */
  readonly readers: ReaderStore;
  /** The papers of stored editions, by id (what a feedback link names). */
  readonly editionPapers: EditionPapers;
  readonly links: LinkBuilder;
  readonly topics: readonly TopicOption[];
  /** Queues transactional emails; a worker sends them (`paperboy worker`). */
  readonly mailer: TransactionalMailer;
  /** The queue behind `mailer` (closed with the app). */
  readonly transactionalQueue: Queue;
  readonly limiter: RateLimiter;
  /** Failed admin logins per client address. */
  readonly loginGuard: LoginGuard;
  readonly background: BackgroundWork;
  /** Coalesced and once-only notices (preferences saved, goodbye). */
  readonly notices: Notices;
  readonly topicLabel: (id: string) => string;
}

export function createWebContext(deps: WebDeps): WebContext {
  const topics = deps.topics ?? defaultTopics();
  const labels = new Map(topics.map((t) => [t.id, t.label]));
  const topicLabel = (id: string): string => labels.get(id) ?? id;
  const now = deps.now ?? (() => new Date());
  const links = createLinkBuilder(deps.config, deps.now ? { now: deps.now } : {});
  const store = new SubscriberStore(deps.redis, deps.keyspace, { suppressionSecret: deps.config.suppressionSecret });
  const transactionalQueue = openTransactionalQueue(deps.redis, deps.keyspace);
  // A queue emits its connection's errors; unheard, an 'error' event would crash the process.
  transactionalQueue.on('error', (error) => deps.logger.warn({ err: error }, 'transactional queue: Redis error'));
  const mailer = new TransactionalMailer((job) => enqueueTransactional(transactionalQueue, job), deps.now);
  const background = new BackgroundWork(deps.logger);
  const schedule = new NoticeSchedule(deps.redis, deps.keyspace, {
    preferencesWindowSeconds: deps.config.notices.preferencesWindowSeconds,
    now,
  });
  return {
    deps,
    store,
    readers: new ReaderStore(deps.redis, deps.keyspace),
    editionPapers: new EditionPapers(deps.redis, deps.keyspace, now),
    links,
    topics,
    mailer,
    transactionalQueue,
    limiter: new RateLimiter(deps.redis, deps.keyspace),
    loginGuard: new LoginGuard(deps.redis, deps.keyspace, now),
    background,
    notices: new Notices(deps.config, schedule, store, mailer, background, now, deps.logger),
    topicLabel,
  };
}
