import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followEdition } from '../../src/pipeline/index.ts';
import type { OutgoingMessage, SendOutcome } from '../../src/mail/index.ts';
import { enqueueEdition } from '../../src/queue/index.ts';
import { PermanentError } from '../../src/shared/errors.ts';
import { buildWebApp } from '../../src/web/index.ts';
import {
  addSubscribers,
  ScriptedTransport,
  startPipeline,
  storeSampleDay,
  testConfig,
  waitFor,
} from '../integration/operators/support.ts';
import { openTestRedis, type TestRedis } from '../support/redis.ts';
import { launchChromium, skipBrowserTests } from './support/browser.ts';

const PASSWORD = 'dashboard-test-password';
/** Screenshots of each step, to look at after a run. */
const SHOTS = join(process.cwd(), '.tmp', 'e2e-dashboard');

/** Rejects the first call outright (say, a revoked API key the operator then fixes); accepts everything after. */
class RejectsOnceTransport extends ScriptedTransport {
  override sendBatch(messages: readonly OutgoingMessage[]): Promise<SendOutcome[]> {
    if (this.calls === 0) {
      this.calls += 1;
      return Promise.reject(new PermanentError('the provider rejected the API key', 'provider_auth'));
    }
    return super.sendBatch(messages);
  }
}

describe.skipIf(skipBrowserTests())('the operators dashboard in a browser', () => {
  let t: TestRedis;
  let pipeline: ReturnType<typeof startPipeline>;
  let cleanupConfig: () => void;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let date: string;
  const transport = new RejectsOnceTransport();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await openTestRedis('e2e-dashboard');
    const { config, cleanup } = testConfig(t, { ADMIN_PASSWORD: PASSWORD });
    cleanupConfig = cleanup;
    pipeline = startPipeline(config, transport);
    date = await storeSampleDay(pipeline.rt);
    await addSubscribers(pipeline.rt, ['ada@example.org', 'alan@example.org']);
    await enqueueEdition(pipeline.rt.queues, date);
    const outcome = await followEdition(pipeline.rt, date, () => undefined, { intervalMs: 100 });
    expect(outcome.state).toBe('completed');
    app = await buildWebApp({
      config,
      logger: pino({ level: 'silent' }),
      redis: t.redis,
      keyspace: t.keyspace,
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await pipeline?.stop();
    await t?.cleanup();
    cleanupConfig?.();
  });

  // caret 'initial': Playwright's caret-hiding style would itself trip the pages' strict CSP.
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, caret: 'initial' });

  it('refuses a visitor without the login', async () => {
    // A browser would show its login prompt; its request API shows what the server answered.
    const context = await browser.newContext();
    for (const path of ['/admin', '/admin/queues', '/admin/queues/api/queues']) {
      const res = await context.request.get(`${base}${path}`);
      expect(res.status(), path).toBe(401);
      expect(res.headers()['www-authenticate']).toContain('Basic');
    }
    await context.close();
  });

  it('logs in, finds the failed send job, retries it, and the deliveries become sent', async () => {
    expect(await pipeline.rt.ledger.counts(date)).toMatchObject({ sent: 0, failed: 2 });
    const context = await browser.newContext({
      httpCredentials: { username: 'admin', password: PASSWORD },
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    // Every script error, CSP violation and failed request of our own origin (the board's web fonts are remote).
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && r.url().startsWith(base) && !r.url().endsWith('/favicon.ico'))
        errors.push(`${r.status()} ${r.url()}`);
    });

    await page.goto(`${base}/admin`);
    await expect.poll(() => page.locator('#editions td.failed').innerText()).toBe('2');
    await shot(page, '1-editions');

    await page.locator('#editions td.failed a').click();
    await page.waitForURL(/\/admin\/queues\/queue\/send\?status=failed/);
    const jobId = `${date}-send-`;
    const card = page.locator('[class*="card-"]', { hasText: jobId }).first();
    await card.waitFor({ timeout: 15_000 });
    await expect.poll(() => card.innerText()).toContain('provider_auth: the provider rejected the API key');
    // The job's own retry button (the refresh icon on its card), not "Retry all".
    const retry = card.locator('button:has(svg.lucide-refresh-cw)');
    await retry.hover();
    await shot(page, '2-failed-send-job');
    await retry.click();
    const confirm = page.getByRole('button', { name: 'Confirm' });
    await confirm.waitFor();
    await expect.poll(() => page.getByText('Are you sure that you want to retry this job?').isVisible()).toBe(true);
    await shot(page, '3-confirm-retry');
    await confirm.click();
    await waitFor(async () => (await pipeline.rt.ledger.counts(date)).sent === 2, 'the retried deliveries to be sent');
    expect(await pipeline.rt.ledger.counts(date)).toMatchObject({ sent: 2, failed: 0, queued: 0, sending: 0 });
    expect(transport.receivedBy('ada@example.org')).toBe(1);
    expect(transport.receivedBy('alan@example.org')).toBe(1);

    await page.goto(`${base}/admin/queues/queue/send?status=completed`);
    await page.getByText(jobId, { exact: false }).first().waitFor({ timeout: 15_000 });
    await shot(page, '4-completed-after-retry');
    await page.goto(`${base}/admin`);
    await expect.poll(() => page.locator('#editions td.sent').innerText()).toBe('2');
    await shot(page, '5-editions-after-retry');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
