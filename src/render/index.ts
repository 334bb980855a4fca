// The render module's public face: templates in two engines, rendered once per profile, personalised per recipient.
import type { Digest } from '../digest/index.ts';
import { render } from './render.ts';
import type {
  DigestRenderContext,
  RenderedEmail,
  TemplateEngine,
  TransactionalProps,
  TransactionalTemplate,
} from './types.ts';

export * from './types.ts';
export { TemplateError, PlaceholderError } from './errors.ts';
export { personalise, hasPlaceholders, PLACEHOLDER_LINKS } from './placeholders.ts';
export { render, getTemplate } from './render.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Renders a digest once for its profile, with placeholders for per-recipient values. */
export function renderDigest(
  digest: Digest,
  ctx: DigestRenderContext,
  _engine: TemplateEngine,
): Promise<RenderedEmail> {
  const papers = [...digest.sections.flatMap((s) => s.papers), ...digest.alsoTrending];
  const html = `<!doctype html><html lang="en"><body><h1>Daily Papers ${digest.date}</h1><ul>${papers
    .map((p) => `<li><a href="${esc(p.paper.links.page)}">${esc(p.paper.title)}</a></li>`)
    .join(
      '',
    )}</ul><p><a href="\uE000manage_url\uE000">Manage</a> <a href="\uE000unsubscribe_url\uE000">Unsubscribe</a></p><p>${esc(ctx.postalAddress)}</p></body></html>`;
  const text = `Daily Papers ${digest.date}\n\n${papers.map((p) => `- ${p.paper.title}\n  ${p.paper.links.page}`).join('\n')}\n\nManage: \uE000manage_url\uE000\nUnsubscribe: \uE000unsubscribe_url\uE000\n`;
  return Promise.resolve({ subject: `Daily Papers, ${digest.date}`, html, text, preheader: '' });
}

/**
 * Renders a transactional email (confirm subscription, preferences saved, goodbye) for one recipient.
 * Every URL in the props must be an absolute http(s) URL (ValidationError otherwise).
 */
export function renderTransactional<N extends TransactionalTemplate>(
  name: N,
  props: TransactionalProps[N],
  engine: TemplateEngine,
): Promise<RenderedEmail> {
  return render(name, props, engine);
}
