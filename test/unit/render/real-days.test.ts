import { describe, expect, it } from 'vitest';
import { loadRealDays, type RealDay } from '../../../bench/classify/shared-data.ts';
import { composeDigest, DIGEST_BUDGET_BYTES, fitDigest, type Digest } from '../../../src/digest/index.ts';
import { renderDigest, TEMPLATE_ENGINES, type TemplateEngine } from '../../../src/render/index.ts';
import { preferencesSchema } from '../../../src/subscribers/index.ts';
import { buildEdition, DEFAULT_RANKING } from '../../../src/themes/index.ts';
import { readable } from '../../../templates/digest/paper-view.ts';
import { buildDigestView } from '../../../templates/digest/view.ts';
import { context, unescapeAttr } from './digest-fixture.ts';

// Real days live outside the repo (../shared, third-party text read at run time only); without it this skips.
const days = loadRealDays();
const TOPICS = ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'];
const KB = 1024;

function digestOf(day: RealDay, perTopic: number): Digest {
  const edition = buildEdition(day.date, day.papers, { ranking: DEFAULT_RANKING });
  const prefs = preferencesSchema.parse({ topics: TOPICS, perTopic, alsoTrending: true });
  const composed = composeDigest(edition, prefs, { skipEmpty: false });
  if (composed.kind !== 'digest') throw new Error(composed.reason);
  return composed.digest;
}

/** Renders through the send path's size guard; the HTML bytes and the email. */
async function send(digest: Digest, engine: TemplateEngine) {
  const measure = async (d: Digest) => Buffer.byteLength((await renderDigest(d, context, engine)).html, 'utf8');
  const fitted = await fitDigest(digest, measure, DIGEST_BUDGET_BYTES);
  const email = await renderDigest(fitted.digest, context, engine);
  return { ...fitted, email, bytes: Buffer.byteLength(email.html, 'utf8') };
}

/** The acceptance checks of issue 15 on one sent digest. */
function checkEmail(digest: Digest, email: { subject: string; html: string; text: string }, bytes: number): void {
  expect(bytes).toBeLessThan(100 * KB);
  const view = buildDigestView({ digest, context, links: { manageUrl: 'x', unsubscribeUrl: 'y' } });
  const shown = [view.forYou, ...view.sections, view.alsoTrending].flatMap((s) => s?.papers ?? []);
  const papers = [...(digest.forYou ?? []), ...digest.sections.flatMap((s) => s.papers), ...digest.alsoTrending];
  // Every paper that has a thumbnail shows it, in its fixed box with the title as alt text.
  const images = new Map(
    [...email.html.matchAll(/<img src="([^"]+)" width="120" height="65" alt="([^"]*)"/g)].map((m) => [
      unescapeAttr(m[1]!),
      unescapeAttr(m[2]!),
    ]),
  );
  for (const ep of papers)
    if (ep.paper.thumbnail) expect(images.get(ep.paper.thumbnail)).toBe(readable(ep.paper.title));
  for (const p of shown) {
    // No summary ends mid-sentence, none shows raw LaTeX, and the text part carries it whole.
    expect(p.summary, p.summary).toMatch(/[.!?…]["'”)\]]?$|https?:\/\/\S+$/);
    for (const s of [p.title, p.summary]) expect(s).not.toMatch(/\\[a-zA-Z]+\{|\^\{|\\[%&$_]|\$[^$\s]+\$/);
    expect(email.text).toContain(`   ${p.summary}`);
  }
  // The subject: at most 80 characters, and any name it shortens ends on a whole word of that paper's title.
  expect(email.subject.length).toBeLessThanOrEqual(80);
  const titles = papers.map((ep) => readable(ep.paper.title));
  for (const m of email.subject.matchAll(/(?:: | and )([^…]+?)…/g)) {
    const cut = m[1]!;
    expect(
      titles.some((t) => t.startsWith(cut) && /[\s:,]/.test(t.charAt(cut.length))),
      `"${cut}…" is cut mid-word`,
    ).toBe(true);
  }
}

describe.skipIf(!days)('the 20 busiest real days, every topic, through the size guard', { timeout: 600_000 }, () => {
  const busiest = [...(days ?? [])]
    .sort((a, b) => b.papers.length - a.papers.length || a.date.localeCompare(b.date))
    .slice(0, 20);

  it.each(TEMPLATE_ENGINES)(
    '%s: under 100 KB, every thumbnail, whole summaries, a subject of <= 80',
    async (engine) => {
      const sizes: number[] = [];
      for (const day of busiest) {
        const { digest, email, bytes, hidden } = await send(digestOf(day, 5), engine);
        expect(hidden).toBe(0);
        checkEmail(digest, email, bytes);
        sizes.push(bytes / KB);
      }
      sizes.sort((a, b) => a - b);
      console.log(
        `${engine}: 20 busiest days, all topics, 5 per topic: min ${sizes[0]!.toFixed(1)} KB, median ${sizes[10]!.toFixed(1)} KB, max ${sizes.at(-1)!.toFixed(1)} KB`,
      );
    },
  );

  it.each(TEMPLATE_ENGINES)('%s: a merged 64-paper day at 20 per topic is trimmed under budget', async (engine) => {
    const seen = new Set<string>();
    const papers = busiest
      .flatMap((d) => d.papers)
      .filter((p) => !seen.has(p.id) && seen.add(p.id))
      .slice(0, 64);
    const digest = digestOf({ date: busiest[0]!.date, papers }, 20);
    const before = Buffer.byteLength((await renderDigest(digest, context, engine)).html, 'utf8');
    const sent = await send(digest, engine);
    console.log(
      `${engine}: merged 64-paper day, 20 per topic: ${(before / KB).toFixed(1)} KB unguarded, ${(sent.bytes / KB).toFixed(1)} KB sent, ${sent.hidden} papers left for the web edition`,
    );
    expect(before).toBeGreaterThan(DIGEST_BUDGET_BYTES);
    expect(sent.hidden).toBeGreaterThan(0);
    expect(sent.bytes).toBeLessThanOrEqual(DIGEST_BUDGET_BYTES);
    expect(sent.email.html).toContain(`${sent.hidden} more papers online`);
    expect(sent.email.html).toContain(`href="https://paperboy.test/editions/${busiest[0]!.date}"`);
    expect(sent.email.text).toContain(`${sent.hidden} more papers online: https://paperboy.test/editions/`);
    checkEmail(sent.digest, sent.email, sent.bytes);
  });
});
