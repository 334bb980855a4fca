import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { SubscriberStore, createLinkBuilder } from '../../src/subscribers/index.ts';
import { buildWebApp } from '../../src/web/index.ts';
import { openTestRedis, type TestRedis } from '../support/redis.ts';
import { launchChromium, skipBrowserTests } from './support/browser.ts';

describe.skipIf(skipBrowserTests())(
  'confirming a subscription in a browser (no JavaScript)',
  { timeout: 60_000 },
  () => {
    let t: TestRedis;
    let app: FastifyInstance;
    let browser: Browser;
    let outbox: string;
    let store: SubscriberStore;
    let links: ReturnType<typeof createLinkBuilder>;

    beforeAll(async () => {
      t = await openTestRedis('e2e-confirm');
      outbox = mkdtempSync(join(tmpdir(), 'paperboy-e2e-confirm-'));
      const config = loadConfig({
        REDIS_PREFIX: t.prefix,
        OUTBOX_DIR: outbox,
        LOG_LEVEL: 'silent',
        LINK_SECRETS: 'e2e-link-secret-0123456789',
      });
      app = await buildWebApp({
        config,
        logger: silentLogger(),
        redis: t.redis,
        keyspace: t.keyspace,
      });
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      store = new SubscriberStore(t.redis, t.keyspace);
      // The same signing keys, with links that point at this server.
      links = createLinkBuilder({ web: { publicBaseUrl: base }, links: config.links });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await t?.cleanup();
      rmSync(outbox, { recursive: true, force: true });
    });

    it('opening the link (as a scanner would) changes nothing; pressing the button confirms', async () => {
      const { subscriber } = await store.add('clicker@example.org', {
        topics: ['robotics'],
        perTopic: 5,
        alsoTrending: true,
      });
      const url = links.confirmUrl(subscriber.id);
      const context = await browser.newContext({ javaScriptEnabled: false });

      // A link scanner: HEAD and GET, no rendering, no clicks.
      expect((await context.request.head(url)).status()).toBe(200);
      expect((await context.request.get(url)).status()).toBe(200);
      expect((await store.get(subscriber.id))?.status).toBe('pending');

      // A person: opens the page and sees a button; still nothing has changed.
      const page = await context.newPage();
      await page.goto(url);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Confirm your subscription');
      expect((await store.get(subscriber.id))?.status).toBe('pending');

      await page.getByRole('button', { name: 'Confirm my subscription' }).click();
      await page.waitForLoadState('load');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You are subscribed');
      expect((await store.get(subscriber.id))?.status).toBe('active');
      await context.close();
    });
  },
);
