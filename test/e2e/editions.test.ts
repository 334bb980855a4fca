import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axe from 'axe-core';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import type { Edition } from '../../src/themes/index.ts';
import { buildWebApp } from '../../src/web/index.ts';
import { publishEdition } from '../support/published-edition.ts';
import { openTestRedis, type TestRedis } from '../support/redis.ts';
import { launchChromium, skipBrowserTests } from './support/browser.ts';

// A 1x1 PNG, served for every thumbnail so the browser never leaves the machine.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (through the DevTools protocol, so the page's CSP, which allows no script, holds). */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate<{ violations: AxeViolation[] }>('axe.run(document)');
  return results.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

describe.skipIf(skipBrowserTests())('web editions in a browser', { timeout: 120_000 }, () => {
  let t: TestRedis;
  let app: FastifyInstance;
  let papersSite: Server;
  let papersBase: string;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let edition: Edition;

  beforeAll(async () => {
    t = await openTestRedis('e2e-editions');
    // Stands in for Hugging Face: the papers' pages point here.
    papersSite = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="en"><title>Paper</title><h1>Paper page ${request.url ?? ''}</h1></html>`,
      );
    });
    await new Promise<void>((resolve) => papersSite.listen(0, '127.0.0.1', resolve));
    papersBase = `http://127.0.0.1:${(papersSite.address() as AddressInfo).port}`;
    await publishEdition(t.redis, t.keyspace, '2025-11-21');
    edition = await publishEdition(t.redis, t.keyspace, '2025-11-24', {
      papers: (papers) => papers.map((p) => ({ ...p, links: { ...p.links, page: `${papersBase}/papers/${p.id}` } })),
    });
    const config = loadConfig({ REDIS_PREFIX: t.prefix, LOG_LEVEL: 'silent' });
    app = await buildWebApp({ config, logger: silentLogger(), redis: t.redis, keyspace: t.keyspace });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    context = await browser.newContext();
    await context.route('https://**/*', (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }),
    );
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await new Promise((resolve) => papersSite?.close(resolve));
    await t?.cleanup();
  });

  it('opens an edition from the index and follows a paper link', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Past editions' }).click();
    await page.waitForURL(`${base}/editions`);
    await expect(page.title()).resolves.toBe('Editions · Paperboy');

    await page.getByRole('link', { name: 'Daily Papers, Monday 24 November 2025' }).click();
    await page.waitForURL(`${base}/editions/2025-11-24`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Daily Papers, Monday 24 November 2025');
    // The edition's stylesheet applied (its hash is in the CSP): paper cards have their border.
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('li.paper')).borderTopStyle")).toBe(
      'solid',
    );

    const first = edition.sections.find((s) => s.papers.length > 0)!.papers[0]!.paper;
    const img = page.getByRole('img', { name: first.title });
    await expect(img.getAttribute('loading')).resolves.toBe('lazy');
    await page.getByRole('link', { name: first.title, exact: true }).click();
    await page.waitForURL(`${papersBase}/papers/${first.id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Paper page /papers/${first.id}`);
    await page.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds no accessibility violations on the index, an edition and a theme page (${colorScheme})`, async () => {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      for (const path of ['/editions', '/editions/2025-11-24', '/editions/2025-11-24/robotics']) {
        const response = await page.goto(`${base}${path}`);
        expect(response?.status()).toBe(200);
        expect(await axeViolations(page), path).toEqual([]);
      }
      await page.close();
    });
  }
});
