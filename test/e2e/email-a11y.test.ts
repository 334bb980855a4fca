import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, TEMPLATE_ENGINES, type TemplateName } from '../../src/render/index.ts';
import { templates } from '../../templates/index.ts';
import { launchChromium, skipBrowserTests } from './support/browser.ts';

// axe-core's WCAG 2.x A and AA rules over every email (each digest sample, each transactional email), both engines,
// light and dark mode. (Its best-practice landmark rules ask for a <main> region, which is not a thing in email.)
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

async function emails(engine: (typeof TEMPLATE_ENGINES)[number]): Promise<{ name: string; html: string }[]> {
  const out: { name: string; html: string }[] = [];
  for (const name of Object.keys(templates) as TemplateName[]) {
    for (const [sample, props] of Object.entries(templates[name].samples)) {
      const { html } = await render(name, props as never, engine);
      out.push({ name: `${name}/${sample}`, html });
    }
  }
  return out;
}

describe.skipIf(skipBrowserTests())('accessibility of every email (axe-core)', { timeout: 300_000 }, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const engine of TEMPLATE_ENGINES) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${engine}, ${colorScheme} mode: no violations`, async () => {
        const page = await browser.newPage({ viewport: { width: 800, height: 900 }, colorScheme });
        await page.route('**/*', (route) => route.abort()); // thumbnails stay offline: the alt text shows
        const found: string[] = [];
        let checked = 0;
        for (const email of await emails(engine)) {
          await page.setContent(email.html, { waitUntil: 'domcontentloaded' });
          await page.addScriptTag({ content: AXE_SOURCE });
          const violations = await page.evaluate<AxeViolation[]>(
            `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG)} }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
          );
          for (const v of violations)
            found.push(`${email.name}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          checked += 1;
        }
        expect(found).toEqual([]);
        expect(checked).toBeGreaterThanOrEqual(10);
        await page.close();
      });
    }
  }
});
