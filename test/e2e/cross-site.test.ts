import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues, type Queues } from '../../src/queue/index.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { buildWebApp } from '../../src/web/index.ts';
import { testConfig } from '../integration/operators/support.ts';
import { openTestRedis, type TestRedis } from '../support/redis.ts';
import { launchChromium, skipBrowserTests } from './support/browser.ts';

const PASSWORD = 'cross-site-test-password';

/** The attacker's page: a form aimed at the admin board that submits itself as soon as it loads. */
function attackPage(action: string, enctype: string): string {
  return `<!doctype html><title>Win a prize</title>
<form id="f" method="POST" action="${action}" enctype="${enctype}">
  <input name="name" value="scheduled"><input name="data" value="{}">
</form>
<script>document.getElementById('f').submit()</script>`;
}

describe.skipIf(skipBrowserTests())(
  'a cross-site form post to the admin board, in a browser',
  { timeout: 60_000 },
  () => {
    let t: TestRedis;
    let app: FastifyInstance;
    let queues: Queues;
    let attacker: Server;
    let browser: Browser;
    let admin: string;
    let evil: string;
    let cleanupConfig: () => void;

    beforeAll(async () => {
      t = await openTestRedis('e2e-cross-site');
      const { config, cleanup } = testConfig(t, { ADMIN_PASSWORD: PASSWORD });
      cleanupConfig = cleanup;
      app = await buildWebApp({
        config,
        logger: silentLogger(),
        redis: t.redis,
        keyspace: t.keyspace,
      });
      admin = await app.listen({ host: '127.0.0.1', port: 0 });
      queues = openQueues(t.redis, t.keyspace);
      // Another site: same machine, but `localhost` is a different site from `127.0.0.1` to the browser.
      attacker = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://localhost');
        const action = `${admin}/admin/queues/api/queues/edition/add`;
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(attackPage(action, url.searchParams.get('enctype') ?? 'application/x-www-form-urlencoded'));
      });
      await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
      const address = attacker.address();
      evil = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      attacker?.close();
      await queues?.close();
      await app?.close();
      await t?.cleanup();
      cleanupConfig?.();
    });

    it.each(['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data'])(
      'the logged-in operator visits a page that posts %s to the board: refused, and no job is added',
      async (enctype) => {
        // The operator is logged in to the dashboard: the browser holds the basic-auth login for its origin.
        const context = await browser.newContext({
          httpCredentials: { username: 'admin', password: PASSWORD, origin: admin, send: 'always' },
        });
        const page = await context.newPage();
        expect((await page.goto(`${admin}/admin`))?.status()).toBe(200);

        // Then opens the attacker's page, which submits the form to the board by itself.
        const posted = page.waitForResponse((r) => r.url().endsWith('/edition/add') && r.request().method() === 'POST');
        await page.goto(`${evil}/?enctype=${encodeURIComponent(enctype)}`);
        const response = await posted;
        const request = response.request();
        // The browser did send the login and said where the request came from ...
        expect(await request.headerValue('authorization')).toMatch(/^Basic /);
        expect(await request.headerValue('sec-fetch-site')).toBe('cross-site');
        // ... and the board refused it after the login passed (a missing login would be a 401).
        expect(response.status()).toBe(403);
        await page.waitForLoadState('load');
        expect(await page.locator('body').innerText()).toContain('Cross-site request refused');
        expect(await queues.edition.getJobs()).toEqual([]);
        await context.close();
      },
    );
  },
);
