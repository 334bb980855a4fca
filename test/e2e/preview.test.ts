import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { startPreviewServer, type PreviewServer } from '../../src/render/preview/index.ts';
import { sampleEdition } from '../../templates/preview-data.ts';
import { copyTemplates, type TemplateCopy } from '../support/template-copy.ts';
import { launchChromium, skipBrowserTests } from './support/browser.ts';

const SCREENS = join(import.meta.dirname, '../../.tmp/screens');
const ENGINES = ['react', 'mjml'] as const;

// The lowest contrast ratio (WCAG) between a visible text element's colour and the background it sits on.
const LOWEST_CONTRAST = `(() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const bgOf = (el) => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3); } return [255, 255, 255]; };
  let worst = { ratio: 99, text: '' };
  for (const el of document.querySelectorAll('body p, body h1, body h2, body h3, body a, body li')) {
    const text = el.textContent.trim(); const box = el.getBoundingClientRect();
    if (!text || box.width === 0 || box.height === 0 || getComputedStyle(el).display === 'none') continue;
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(bgOf(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < worst.ratio) worst = { ratio, text: text.slice(0, 60) };
  }
  return worst;
})()`;

async function noHorizontalScroll(page: Page): Promise<void> {
  const [scrollWidth, clientWidth] = await page.evaluate<number[]>(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  );
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth!);
}

let server: PreviewServer;
let copy: TemplateCopy;
const STORED_DATE = '2025-11-24';

/** The type check's state, as the server reports it. */
async function types(): Promise<{ status: string; problems?: { file: string; message: string }[] }> {
  return (await fetch(`${server.url}/types`)).json() as Promise<{ status: string }>;
}

async function typesSettled(): Promise<void> {
  while ((await types()).status === 'checking') await new Promise((r) => setTimeout(r, 500));
}

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  // The server renders, watches and type-checks a scratch copy, so the tests that break templates never touch
  // the real ones.
  copy = copyTemplates();
  server = await startPreviewServer({
    config: loadConfig({}),
    port: 0,
    templatesDir: copy.dir,
    editions: {
      load: (date) => Promise.resolve(date === STORED_DATE ? sampleEdition(date) : null),
      recent: () => Promise.resolve([STORED_DATE]),
    },
  });
  // A page open when the first (cold) check ends would reload once; let it end first.
  await typesSettled();
}, 300_000);

afterAll(async () => {
  await server?.close();
  copy?.remove();
});

describe('preview (HTTP)', { timeout: 180_000 }, () => {
  it('renders the digest from a stored edition with ?date=', async () => {
    const index = await (await fetch(`${server.url}/`)).text();
    expect(index).toContain(`/view/digest/react/busy-day?date=${STORED_DATE}`);
    const res = await fetch(`${server.url}/raw/digest/mjml/two-topics.html?date=${STORED_DATE}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Think with Crops');
    expect(html).toContain('https://paperboy.example.org/unsubscribe?token=sample-unsubscribe-token');
  });

  it('says when no edition is stored for the date, and rejects a bad date', async () => {
    const page = await (await fetch(`${server.url}/view/digest/react/busy-day?date=2020-01-01`)).text();
    expect(page).toContain('no stored edition for 2020-01-01');
    expect((await fetch(`${server.url}/view/digest/react/busy-day?date=2020-13-01`)).status).toBe(400);
  });

  it('shows the headers each kind of email is sent with', async () => {
    const confirm = await (await fetch(`${server.url}/view/confirm/react/default`)).text();
    expect(confirm).toContain('<dt>Feedback-ID</dt><dd>confirm:transactional:paperboy:paperboy</dd>');
    expect(confirm).toContain('account@paperboy.localhost');
    expect(confirm).not.toContain('<dt>List-Id</dt>');
    expect(confirm).not.toContain('<dt>List-Unsubscribe</dt>');
    const digest = await (await fetch(`${server.url}/view/digest/mjml/two-topics?date=${STORED_DATE}`)).text();
    expect(digest).toContain(`<dt>Feedback-ID</dt><dd>${STORED_DATE}:digest:paperboy:paperboy</dd>`);
    expect(digest).toContain('<dt>List-Id</dt>');
  });

  it('tells a page whose event stream opens after an edit that it is stale', async () => {
    const liveOf = (html: string) => /data-live="([^"]+)"/.exec(html)?.[1];
    const hello = async () => {
      const controller = new AbortController();
      const res = await fetch(`${server.url}/events`, { signal: controller.signal });
      const reader = res.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
      let text = '';
      while (!/\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
      controller.abort();
      return /^event: hello\ndata: (.+)$/m.exec(text)?.[1];
    };
    const before = liveOf(await (await fetch(`${server.url}/view/confirm/react/default`)).text());
    expect(before).toMatch(/^\d+ /);
    expect(await hello()).toBe(before);
    writeFileSync(join(copy.dir, 'Touched.tsx'), `export const at = ${Date.now()};\n`);
    // The page above was rendered before the edit; a stream it opens now must say so, whenever it opens.
    for (let i = 0; i < 200 && (await hello()) === before; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await hello())?.split(' ')[0]).not.toBe(before!.split(' ')[0]);
    await typesSettled();
  });

  it('answers 400 for an unknown engine and an error page for an unknown template', async () => {
    expect((await fetch(`${server.url}/view/digest/handlebars/busy-day`)).status).toBe(400);
    expect(await (await fetch(`${server.url}/view/newsletter/react/default`)).text()).toContain('Render failed');
  });
});

describe.skipIf(skipBrowserTests())('preview (browser)', { timeout: 180_000 }, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('lists every template x engine x sample profile', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    const links = await page.evaluate<string[]>(
      `[...document.querySelectorAll('a[href^="/view/"]')].map((a) => a.getAttribute('href'))`,
    );
    for (const engine of ENGINES) {
      for (const sample of ['busy-day', 'two-topics', 'one-topic', 'trending-only'])
        expect(links).toContain(`/view/digest/${engine}/${sample}`);
      for (const name of ['confirm', 'preferences-saved', 'goodbye'])
        expect(links).toContain(`/view/${name}/${engine}/default`);
    }
    await page.close();
  });

  it.each(ENGINES)(
    'shows the busy-day digest (%s) side by side with text, subject, headers and size',
    async (engine) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${server.url}/view/digest/${engine}/busy-day`);
      // Both engines side by side, then the chosen engine on a phone and in dark mode.
      expect(await page.locator('iframe#react').getAttribute('width')).toBe('640');
      expect(await page.locator('iframe#mjml').getAttribute('width')).toBe('640');
      expect(await page.locator('iframe#mobile').getAttribute('width')).toBe('375');
      expect(await page.locator('iframe#dark').getAttribute('src')).toContain('scheme=dark');
      expect(await page.locator('#size').textContent()).toMatch(/KB \(under 102 KB\)/);
      const meta = await page.locator('dl.meta').textContent();
      expect(meta).toContain('Daily Papers, 24 Nov:');
      expect(meta).toContain('List-Unsubscribe-Post');
      expect(await page.locator('#text').textContent()).toContain('Manage your topics: https://');
      await page.screenshot({ path: join(SCREENS, `preview-page-${engine}.png`) });
      await page.close();
    },
  );

  for (const engine of ENGINES) {
    for (const width of [375, 800]) {
      it(`${engine} digest at ${width} px: no horizontal scroll, every title link visible`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.goto(`${server.url}/raw/digest/${engine}/busy-day.html`);
        await noHorizontalScroll(page);
        const titles = page.locator('h3 a');
        expect(await titles.count()).toBe(25);
        for (const title of await titles.all()) {
          expect(await title.isVisible()).toBe(true);
          const box = await title.boundingBox();
          expect(box).not.toBeNull();
          expect(box!.x).toBeGreaterThanOrEqual(0);
          expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        }
        await page.screenshot({ path: join(SCREENS, `digest-${engine}-${width}.png`), fullPage: true });
        await page.close();
      });
    }
  }

  for (const engine of ENGINES) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${engine} emails keep every text readable in ${colorScheme} mode`, async () => {
        const page = await browser.newPage({ viewport: { width: 375, height: 900 }, colorScheme });
        for (const path of ['digest/ENGINE/two-topics', 'confirm/ENGINE/default']) {
          await page.goto(`${server.url}/raw/${path.replace('ENGINE', engine)}.html`);
          const worst = await page.evaluate<{ ratio: number; text: string }>(LOWEST_CONTRAST);
          expect(worst.ratio, `"${worst.text}"`).toBeGreaterThanOrEqual(3);
        }
        await page.goto(`${server.url}/raw/digest/${engine}/two-topics.html`);
        await page.screenshot({ path: join(SCREENS, `digest-${engine}-375-${colorScheme}.png`) });
        await page.close();
      });
    }
  }

  it.each(ENGINES)('%s transactional emails fit 320 px', async (engine) => {
    const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
    for (const name of ['confirm', 'preferences-saved', 'goodbye']) {
      await page.goto(`${server.url}/raw/${name}/${engine}/default.html`);
      await noHorizontalScroll(page);
    }
    await page.screenshot({ path: join(SCREENS, `goodbye-${engine}-320.png`) });
    await page.close();
  });

  it('reloads an open page when a watched file changes', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/view/confirm/react/default`);
    await page.evaluate('window.__before = true');
    await page.waitForTimeout(300); // let the EventSource connect
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    writeFileSync(join(copy.dir, 'Edited.tsx'), `export const at = ${Date.now()};\n`);
    await reloaded;
    expect(await page.evaluate('window.__before === true')).toBe(false);
    await page.close();
  });

  it('renders the dark-mode frame dark and the others light, whatever the browser prefers', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
    await page.goto(`${server.url}/view/digest/mjml/two-topics`);
    const background = async (id: string) => {
      const frame = await (await page.locator(`iframe#${id}`).elementHandle()).contentFrame();
      await frame!.waitForLoadState();
      return frame!.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    };
    const lightness = (rgb: string) => (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((a, c) => a + Number(c), 0) / 3;
    expect(lightness(await background('dark'))).toBeLessThan(80);
    for (const id of ['react', 'mjml', 'mobile']) expect(lightness(await background(id))).toBeGreaterThan(200);
    await page.screenshot({ path: join(SCREENS, 'preview-dark-frame.png'), fullPage: true });
    await page.close();
  });

  /** Edits a file of the scratch copy (never the real templates). */
  const edit = (file: string, from: string | RegExp, to: string) => {
    const path = join(copy.dir, file);
    const before = readFileSync(path, 'utf8');
    const after = before.replace(from, to);
    expect(after).not.toBe(before);
    writeFileSync(path, after);
    return () => writeFileSync(path, before);
  };

  it('shows a broken template on the page (file, line, type error) and recovers once it is fixed', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // The page itself, not its frames: the edits below are what this test is about.
    await page.goto(`${server.url}/view/confirm/react/default`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await page.locator('iframe#react').waitFor();
    const where = page.locator('#problem [data-role="where"]');

    // A syntax error: the page reloads by itself and names the file and line, with the code around it.
    const original = readFileSync(join(copy.dir, 'transactional/ConfirmEmail.tsx'), 'utf8');
    onTestFinished(() => writeFileSync(join(copy.dir, 'transactional/ConfirmEmail.tsx'), original));
    const restore = edit('transactional/ConfirmEmail.tsx', 'return {', 'return ( {');
    await where.waitFor({ timeout: 90_000 });
    expect(await where.textContent()).toMatch(/^templates\/transactional\/ConfirmEmail\.tsx:\d+:\d+$/);
    expect(await page.locator('#problem [data-role="frame"]').textContent()).toMatch(/^> +\d+ \| /m);
    const index = await fetch(`${server.url}/`);
    expect(index.headers['get']('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toContain('templates/transactional/ConfirmEmail.tsx:');
    await page.screenshot({ path: join(SCREENS, 'preview-syntax-error.png') });

    // A prop that does not exist: the TypeError at its line, then TypeScript's message naming the prop.
    restore();
    const restoreProp = edit('transactional/ConfirmEmail.tsx', 'p.topics.map(cleanText)', 'p.topicList.map(cleanText)');
    await page.locator('#problem [data-role="message"]', { hasText: 'TypeError' }).waitFor({ timeout: 90_000 });
    expect(await where.textContent()).toMatch(/^templates\/transactional\/ConfirmEmail\.tsx:\d+:\d+$/);
    const typeError = page.locator('#types', { hasText: "Property 'topicList' does not exist" });
    await typeError.waitFor({ timeout: 170_000 });
    expect(await typeError.textContent()).toContain('templates/transactional/ConfirmEmail.tsx:');
    await page.screenshot({ path: join(SCREENS, 'preview-type-error.png') });

    // Fixed: the email is back without anyone reloading the page, and the type errors are gone.
    restoreProp();
    await page.locator('iframe#react').waitFor({ timeout: 90_000 });
    await page.locator('#types-status', { hasText: 'Templates type-check' }).waitFor({ timeout: 170_000 });
    expect(await page.locator('#problem').count()).toBe(0);
    await page.close();
  });

  it('traces an MJML error to the *.mjml.ts line, beside the React rendering that still works', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/view/confirm/react/default`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const restore = edit(
      'components/notice.mjml.ts',
      '<mj-button css-class="pb-button"',
      '<mj-button bogus-attr="1" css-class="pb-button"',
    );
    try {
      const problem = page.locator('#problem-mjml');
      await problem.waitFor({ timeout: 90_000 });
      expect(await problem.locator('[data-role="where"]').textContent()).toMatch(
        /^templates\/components\/notice\.mjml\.ts:\d+:\d+$/,
      );
      expect(await problem.locator('[data-role="message"]').textContent()).toContain('bogus-attr');
      expect(await page.locator('iframe#react').count()).toBe(1);
    } finally {
      restore();
    }
    await page.locator('iframe#mjml').waitFor({ timeout: 90_000 });
    await typesSettled();
    await page.close();
  });
});
