import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { SubscriberStore, createLinkBuilder } from '../../../src/subscribers/index.ts';
import { buildWebApp } from '../../../src/web/index.ts';
import { storeEdition, syntheticPaper } from '../../support/feedback-edition.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { FORM, form, pathOf } from './support.ts';

const DATE = '2025-11-24';
const PAPER_ID = '2511.04242';
const TITLE = 'A very recognisable synthetic title';
const KEYWORD = 'unmistakable-follow-keyword';

describe('neither votes nor follows reach the logs', () => {
  let t: TestRedis;
  let app: FastifyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await openTestRedis('feedback-logs');
    const config = loadConfig({
      REDIS_URL: t.url,
      REDIS_PREFIX: t.prefix,
      PUBLIC_BASE_URL: 'https://paperboy.test',
      LINK_SECRETS: 'feedback-logs-link-secret-0123456789',
      LOG_LEVEL: 'silent',
    });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    // Everything the web logs, down to debug.
    app = await buildWebApp({ config, logger: pino({ level: 'debug' }, sink), redis: t.redis, keyspace: t.keyspace });
    await storeEdition(t.redis, t.keyspace, DATE, [syntheticPaper(PAPER_ID, TITLE), syntheticPaper('2511.1', 'x')]);
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('logs the route pattern and status of each request, never a token, a paper, a vote or a keyword', async () => {
    const store = new SubscriberStore(t.redis, t.keyspace);
    const { subscriber } = await store.add(
      'logged@example.org',
      { topics: ['robotics'], perTopic: 5, alsoTrending: true },
      { confirmed: true },
    );
    const links = createLinkBuilder(app.webContext.deps.config);
    const url = pathOf(links.feedbackUrl(subscriber.id, { paperId: PAPER_ID, date: DATE }, 'more'));
    const manage = pathOf(links.manageUrl(subscriber.id));
    await app.inject({ method: 'GET', url });
    await app.inject({ method: 'POST', url, headers: FORM, payload: '' });
    await app.inject({ method: 'POST', url, headers: { ...FORM, 'sec-fetch-site': 'cross-site' }, payload: '' });
    await app.inject({ method: 'POST', url: url.replace('/feedback?', '/feedback/undo?'), headers: FORM, payload: '' });
    await app.inject({ method: 'GET', url: `${url.slice(0, -3)}xyz` });
    const interests = manage.replace('/preferences?', '/preferences/interests?');
    await app.inject({ method: 'POST', url: interests, headers: FORM, payload: form({ keywords: KEYWORD }) });
    await app.inject({ method: 'POST', url: interests, headers: FORM, payload: form({ mutes: `${KEYWORD}\nx` }) });
    await app.inject({ method: 'GET', url: manage });

    const log = lines.join('');
    const routes = lines.map((l) => JSON.parse(l) as { route?: string }).map((l) => l.route);
    expect(routes).toEqual(expect.arrayContaining(['/feedback', '/feedback/undo', '/preferences/interests']));
    const token = new URL(url, 'https://x').searchParams.get('token')!;
    for (const secret of [token, token.split('.')[0]!, PAPER_ID, TITLE, KEYWORD, 'logged@example.org', '"more"']) {
      expect(log).not.toContain(secret);
    }
  });
});
