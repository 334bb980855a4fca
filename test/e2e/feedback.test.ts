import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config/index.ts';
import { loadEdition } from '../../src/editions/index.ts';
import { loadSampleDay, saveDay } from '../../src/papers/index.ts';
import { ReaderStore } from '../../src/relevance/index.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { SubscriberStore, createLinkBuilder, type LinkBuilder, type Subscriber } from '../../src/subscribers/index.ts';
import { sendEditionInProcess } from '../support/in-process.ts';
import type { Edition } from '../../src/themes/index.ts';
import { buildWebApp } from '../../src/web/index.ts';
import { openTestRedis, type TestRedis } from '../support/redis.ts';
import { launchChromium, skipBrowserTests } from './support/browser.ts';

const SCREENS = join(import.meta.dirname, '../../.tmp/screens');

/**
 * Sends the edition through the real pipeline (plan, per-reader assembly, send) into the outbox transport, with
 * links pointing at `base`, and returns the HTML of the one digest it wrote: what the reader received.
 */
async function receivedDigestHtml(config: Config, outbox: string, date: string): Promise<string> {
  await sendEditionInProcess(config, date);
  const folder = join(outbox, date);
  const files = readdirSync(folder).filter((f) => f.endsWith('.html'));
  expect(files).toHaveLength(1);
  return readFileSync(join(folder, files[0]!), 'utf8');
}

describe.skipIf(skipBrowserTests())('"More like this" from a received digest (browser)', { timeout: 120_000 }, () => {
  let t: TestRedis;
  let app: FastifyInstance;
  let browser: Browser;
  let outbox: string;
  let readers: ReaderStore;
  let subscriber: Subscriber;
  let edition: Edition;
  let links: LinkBuilder;
  let digest: string;

  beforeAll(async () => {
    t = await openTestRedis('e2e-feedback');
    outbox = mkdtempSync(join(tmpdir(), 'paperboy-e2e-feedback-'));
    mkdirSync(SCREENS, { recursive: true });
    const env = {
      REDIS_URL: t.url,
      REDIS_PREFIX: t.prefix,
      OUTBOX_DIR: outbox,
      MAIL_TRANSPORT: 'outbox',
      SEND_RATE: '1000',
      LOG_LEVEL: 'silent',
      LINK_SECRETS: 'e2e-link-secret-0123456789',
    };
    const config = loadConfig(env);
    app = await buildWebApp({ config, logger: silentLogger(), redis: t.redis, keyspace: t.keyspace });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    // The bundled sample day, and one reader of every topic.
    const day = loadSampleDay();
    await saveDay(t.redis, t.keyspace, day);
    const store = new SubscriberStore(t.redis, t.keyspace);
    const topics = {
      topics: ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'],
      perTopic: 5,
      alsoTrending: true,
    };
    subscriber = (await store.add('clicker@example.org', topics, { confirmed: true })).subscriber;
    readers = new ReaderStore(t.redis, t.keyspace);
    // The pipeline sends with the same signing keys, its links pointing at this server.
    digest = await receivedDigestHtml(loadConfig({ ...env, PUBLIC_BASE_URL: base }), outbox, day.date);
    edition = (await loadEdition(t.redis, t.keyspace, day.date))!;
    links = createLinkBuilder({ web: { publicBaseUrl: base }, links: config.links });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.cleanup();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('a scanner records nothing; a reader clicks, confirms and finds the vote on the preferences page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(digest);
    const moreLink = page.getByRole('link', { name: 'More like this', exact: true }).first();
    const url = (await moreLink.getAttribute('href'))!;
    // Whichever paper's link came first in the digest.
    const verified = links.verifyFeedback(new URL(url).searchParams.get('token')!);
    expect(verified).toMatchObject({ ok: true, claims: { subscriberId: subscriber.id, vote: 'more' } });
    const paperId = verified.ok ? verified.claims.paperId : '';
    const paper = [...edition.sections.flatMap((s) => s.papers), ...edition.other].find(
      (ep) => ep.paper.id === paperId,
    )!.paper;

    // A link scanner: HEAD and GET, as Safe Links makes them.
    expect((await context.request.head(url)).status()).toBe(200);
    expect((await context.request.get(url)).status()).toBe(200);
    expect(await readers.votes(subscriber.id)).toEqual([]);

    // The reader clicks the link in the digest: a confirm page, still nothing recorded (with JavaScript on, too).
    await moreLink.click();
    await page.waitForURL(/\/feedback\?token=/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('More like this?');
    expect(await page.locator('#paper-title').textContent()).toBe(paper.title);
    await page.screenshot({ path: join(SCREENS, 'feedback-confirm.png'), fullPage: true });
    expect(await readers.votes(subscriber.id)).toEqual([]);

    await page.getByRole('button', { name: 'Yes, more like this' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Recorded');
    expect(await page.getByRole('button', { name: 'Undo' }).isVisible()).toBe(true);
    expect((await readers.votes(subscriber.id)).map((v) => [v.paperId, v.vote])).toEqual([[paper.id, 'more']]);
    await page.screenshot({ path: join(SCREENS, 'feedback-recorded.png'), fullPage: true });

    await page.getByRole('link', { name: 'See your votes, follows and mutes' }).click();
    await page.waitForURL(/\/preferences\?token=/);
    const votes = page.locator('#votes li');
    expect(await votes.count()).toBe(1);
    expect(await votes.first().textContent()).toContain(`More like this: ${paper.title}`);
    await page.screenshot({ path: join(SCREENS, 'feedback-preferences.png'), fullPage: true });

    // And the reader can take it back there.
    await page.getByRole('button', { name: `Remove your vote on ${paper.title}` }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#votes-notice').textContent()).toContain('The vote is removed.');
    expect(await readers.votes(subscriber.id)).toEqual([]);
    await context.close();
  });
});
