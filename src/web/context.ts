import type { RedisClient } from '../shared/redis.ts';
import type { Config } from '../config/index.ts';
import type { MailTransport } from '../mail/index.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import type { Logger } from '../shared/logger.ts';
import { SubscriberStore, createLinkBuilder, type LinkBuilder } from '../subscribers/index.ts';
import { BackgroundWork } from './background.ts';
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
  transport: MailTransport;
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
  readonly mailer: TransactionalMailer;
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
  const mailer = new TransactionalMailer(deps.config, deps.transport, links, topicLabel);
  const background = new BackgroundWork(deps.logger);
  const schedule = new NoticeSchedule(deps.redis, deps.keyspace, {
    preferencesWindowSeconds: deps.config.notices.preferencesWindowSeconds,
    now,
  });
  return {
    deps,
    store,
    links,
    topics,
    mailer,
    limiter: new RateLimiter(deps.redis, deps.keyspace),
    loginGuard: new LoginGuard(deps.redis, deps.keyspace, now),
    background,
    notices: new Notices(deps.config, schedule, store, mailer, background, now, deps.logger),
    topicLabel,
  };
}
