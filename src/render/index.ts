// TEMPORARY foundation version; the templates issue replaces the internals, keeping these exports.
import type { Digest } from '../digest/index.ts';

export type TemplateEngine = 'react' | 'mjml';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  preheader: string;
}

/** What differs per recipient; substituted into a profile's rendered digest. */
export interface RecipientVars {
  manageUrl: string;
  unsubscribeUrl: string;
}

export interface DigestRenderContext {
  postalAddress: string;
  publicBaseUrl: string;
}

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
    )}</ul><p><a href="%%MANAGE_URL%%">Manage</a> <a href="%%UNSUBSCRIBE_URL%%">Unsubscribe</a></p><p>${esc(ctx.postalAddress)}</p></body></html>`;
  const text = `Daily Papers ${digest.date}\n\n${papers.map((p) => `- ${p.paper.title}\n  ${p.paper.links.page}`).join('\n')}\n\nManage: %%MANAGE_URL%%\nUnsubscribe: %%UNSUBSCRIBE_URL%%\n`;
  return Promise.resolve({ subject: `Daily Papers, ${digest.date}`, html, text, preheader: '' });
}

/** Fills in one recipient's values. */
export function personalise(email: RenderedEmail, vars: RecipientVars): RenderedEmail {
  const fill = (s: string) =>
    s.replaceAll('%%MANAGE_URL%%', vars.manageUrl).replaceAll('%%UNSUBSCRIBE_URL%%', vars.unsubscribeUrl);
  return { ...email, html: fill(email.html), text: fill(email.text) };
}

/** Transactional templates and their props (the templates issue may add fields, not remove these). */
export interface TransactionalProps {
  confirm: { confirmUrl: string; topics: string[]; postalAddress: string };
  'preferences-saved': { manageUrl: string; unsubscribeUrl: string; topics: string[]; postalAddress: string };
  goodbye: { resubscribeUrl: string; postalAddress: string };
}
export type TransactionalTemplate = keyof TransactionalProps;

/** Renders a transactional email (confirm subscription, preferences saved, goodbye). */
export function renderTransactional<N extends TransactionalTemplate>(
  name: N,
  props: TransactionalProps[N],
  _engine: TemplateEngine,
): Promise<RenderedEmail> {
  const body = Object.entries(props)
    .map(([k, v]) => `<p>${esc(k)}: ${esc(String(v))}</p>`)
    .join('');
  return Promise.resolve({
    subject: `Paperboy: ${name}`,
    html: `<!doctype html><html lang="en"><body>${body}</body></html>`,
    text: JSON.stringify(props),
    preheader: '',
  });
}
