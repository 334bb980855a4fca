import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { SubscriberStore, createLinkBuilder, type Subscriber } from '../../src/subscribers/index.ts';
import { buildWebApp } from '../../src/web/index.ts';
import { openTestRedis, type TestRedis } from '../support/redis.ts';
import { launchChromium, skipBrowserTests } from './support/browser.ts';

const SCREENS = join(import.meta.dirname, '../../.tmp/screens');

describe.skipIf(skipBrowserTests())('preferences page (browser, no JavaScript)', { timeout: 120_000 }, () => {
  let t: TestRedis;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let outbox: string;
  let store: SubscriberStore;
  let subscriber: Subscriber;
  let manageUrl: string;

  beforeAll(async () => {
    t = await openTestRedis('e2e-prefs');
    outbox = mkdtempSync(join(tmpdir(), 'paperboy-e2e-prefs-'));
    mkdirSync(SCREENS, { recursive: true });
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
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    store = new SubscriberStore(t.redis, t.keyspace);
    subscriber = (
      await store.add(
        'reader@example.org',
        { topics: ['robotics'], perTopic: 5, alsoTrending: true },
        { confirmed: true },
      )
    ).subscriber;
    // The same signing keys, but links that point at this real port.
    manageUrl = createLinkBuilder({
      web: { publicBaseUrl: `http://127.0.0.1:${port}` },
      links: config.links,
    }).manageUrl(subscriber.id);
    browser = await launchChromium();
    // The form must work without JavaScript.
    context = await browser.newContext({ javaScriptEnabled: false });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await t?.cleanup();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('opens a manage link, changes topics, saves, and shows the confirmation and the stored change', async () => {
    const page = await context.newPage();
    const response = await page.goto(manageUrl);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Your preferences · Paperboy');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your Paperboy preferences');
    // The stylesheet applied (the CSP let it through): the button has the accent colour, not the default grey.
    expect(
      await page.evaluate<string>("getComputedStyle(document.querySelector('button[type=submit]')).backgroundColor"),
    ).toBe('rgb(11, 87, 208)');
    const robotics = page.getByRole('checkbox', { name: /^Robotics/ });
    expect(await robotics.isChecked()).toBe(true);

    await robotics.uncheck();
    await page.getByRole('checkbox', { name: /^Visual RL/ }).check();
    await page.getByRole('checkbox', { name: /^VLM reasoning/i }).check();
    await page.getByLabel('Papers per topic').selectOption('3');
    await page.getByRole('checkbox', { name: /^Also trending/ }).uncheck();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.waitForLoadState('load');

    const notice = page.getByRole('status');
    expect(await notice.textContent()).toContain('Your preferences are saved.');
    expect(await notice.textContent()).toContain('up to 3 papers');
    expect(await page.getByRole('checkbox', { name: /^Visual RL/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^Robotics/ }).isChecked()).toBe(false);
    await page.screenshot({ path: join(SCREENS, 'preferences-saved.png'), fullPage: true });

    const stored = await store.get(subscriber.id);
    expect(stored?.preferences).toEqual({ topics: ['visual-rl', 'vlm-reasoning'], perTopic: 3, alsoTrending: false });

    // Mobile: nothing overflows sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(manageUrl);
    const [scrollWidth, clientWidth] = await page.evaluate<number[]>(
      '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
    );
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth!);
    await page.screenshot({ path: join(SCREENS, 'preferences-mobile.png'), fullPage: true });
    await page.close();
  });

  it('opens a tampered link and sees a helpful error page', async () => {
    const page = await context.newPage();
    const url = new URL(manageUrl);
    const token = url.searchParams.get('token')!;
    url.searchParams.set('token', `${token.slice(0, 10)}${token[10] === 'x' ? 'y' : 'x'}${token.slice(11)}`);
    const response = await page.goto(url.toString());
    expect(response?.status()).toBe(400);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link does not work');
    expect(await page.getByRole('alert').textContent()).toContain('copy the whole link');
    expect(await page.getByRole('link', { name: 'Go to the Paperboy home page' }).getAttribute('href')).toBe('/');
    await page.screenshot({ path: join(SCREENS, 'preferences-tampered.png'), fullPage: true });
    expect((await store.get(subscriber.id))?.preferences.topics).toEqual(['visual-rl', 'vlm-reasoning']);
    await page.close();
  });
});
