import { escapeHtml as esc } from '../../../templates/components/clean.ts';
import { GMAIL_CLIP_BYTES } from '../../../templates/components/tokens.ts';
import type { RenderedEmail } from '../types.ts';
import type { TemplateListing } from './protocol.ts';

const ENGINES = ['react', 'mjml'] as const;

const CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #111; background: #fafafa; }
header { padding: 12px 20px; background: #111827; color: #fff; display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
header a { color: #93c5fd; } main { padding: 16px 20px; }
table.index { border-collapse: collapse; } .index td, .index th { padding: 6px 12px; border-bottom: 1px solid #ddd; text-align: left; }
.frames { display: flex; gap: 20px; align-items: flex-start; overflow-x: auto; padding-bottom: 8px; }
.frames figure { margin: 0; } .frames figcaption { font-weight: 600; margin-bottom: 4px; }
.frames iframe { border: 1px solid #ccc; background: #fff; height: 1200px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0 0 16px; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; word-break: break-all; }
.warn { color: #b91c1c; font-weight: 700; } .ok { color: #15803d; }
pre { background: #fff; border: 1px solid #ddd; padding: 12px; white-space: pre-wrap; max-width: 100ch; }
.error { color: #b91c1c; }`;

// Live reload: the server pushes "reload" over Server-Sent Events when a template file changes.
// Frames grow to their content so the whole email shows.
const RELOAD = `<script>
new EventSource('/events').addEventListener('reload', () => location.reload());
for (const f of document.querySelectorAll('iframe')) f.addEventListener('load', () => {
  f.style.height = f.contentDocument.documentElement.scrollHeight + 'px';
});
</script>`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body><header><strong>Paperboy preview</strong><a href="/">all templates</a><span>${esc(title)}</span></header><main>${body}</main>${RELOAD}</body></html>`;
}

/** `?date=` suffix, when rendering from a stored edition. */
function dateQuery(date: string | undefined): string {
  return date ? `?date=${encodeURIComponent(date)}` : '';
}

/** The index: every template x engine x sample profile, plus stored editions to render the digest from. */
export function indexPage(templates: TemplateListing[], editionDates: string[]): string {
  const rows = templates.flatMap((t) =>
    t.samples.map(
      (sample) =>
        `<tr><td>${esc(t.name)}</td><td>${esc(t.description)}</td><td>${esc(sample)}</td><td>${ENGINES.map(
          (e) => `<a href="/view/${esc(t.name)}/${e}/${esc(sample)}">${e}</a>`,
        ).join(' · ')}</td></tr>`,
    ),
  );
  const digest = templates.find((t) => t.name === 'digest');
  const editions =
    editionDates.length > 0 && digest
      ? `<h2>Stored editions</h2><table class="index"><tr><th>date</th><th>profiles</th></tr>${editionDates
          .map(
            (d) =>
              `<tr><td>${esc(d)}</td><td>${digest.samples
                .map(
                  (s) =>
                    `${esc(s)}: ${ENGINES.map((e) => `<a href="/view/digest/${e}/${esc(s)}${dateQuery(d)}">${e}</a>`).join(' ')}`,
                )
                .join(' · ')}</td></tr>`,
          )
          .join('')}</table>`
      : '<p>No stored editions found (run <code>paperboy edition</code>, or open a digest with <code>?date=YYYY-MM-DD</code>).</p>';
  return page(
    'templates',
    `<h1>Templates</h1><table class="index"><tr><th>template</th><th>what</th><th>sample</th><th>engine</th></tr>${rows.join('')}</table>${editions}`,
  );
}

export interface ViewPageInput {
  template: string;
  engine: string;
  sample: string;
  date: string | undefined;
  email: RenderedEmail;
  headers: Record<string, string>;
  ms: number;
}

/** One template x engine x sample: desktop and mobile side by side, subject, headers, size, plain text. */
export function viewPage(v: ViewPageInput): string {
  const bytes = Buffer.byteLength(v.email.html, 'utf8');
  const kb = (bytes / 1024).toFixed(1);
  const size =
    bytes > GMAIL_CLIP_BYTES
      ? `<span class="warn" id="size">${kb} KB: over ${GMAIL_CLIP_BYTES / 1024} KB, Gmail will clip this email and hide its footer</span>`
      : `<span class="ok" id="size">${kb} KB (under ${GMAIL_CLIP_BYTES / 1024} KB)</span>`;
  const raw = `/raw/${encodeURIComponent(v.template)}/${encodeURIComponent(v.engine)}/${encodeURIComponent(v.sample)}.html${dateQuery(v.date)}`;
  const other = v.engine === 'react' ? 'mjml' : 'react';
  const headerRows = Object.entries({ Subject: v.email.subject, Preheader: v.email.preheader, ...v.headers })
    .map(([k, val]) => `<dt>${esc(k)}</dt><dd>${esc(val)}</dd>`)
    .join('');
  const title = `${v.template} · ${v.engine} · ${v.sample}${v.date ? ` · ${v.date}` : ''}`;
  return page(
    title,
    `<p><a href="/view/${esc(v.template)}/${other}/${esc(v.sample)}${dateQuery(v.date)}">switch to ${other}</a> · <a href="${esc(raw)}">raw HTML</a> · rendered in ${v.ms.toFixed(0)} ms</p>
<dl class="meta">${headerRows}<dt>HTML size</dt><dd>${size}</dd></dl>
<div class="frames">
<figure><figcaption>Desktop (800 px)</figcaption><iframe id="desktop" title="desktop" width="800" sandbox="allow-same-origin allow-popups" src="${esc(raw)}"></iframe></figure>
<figure><figcaption>Mobile (375 px)</figcaption><iframe id="mobile" title="mobile" width="375" sandbox="allow-same-origin allow-popups" src="${esc(raw)}"></iframe></figure>
</div>
<h2>Plain text</h2><pre id="text">${esc(v.email.text)}</pre>`,
  );
}

/** Shown when rendering failed (a template error): the page still live-reloads, so fixing the file clears it. */
export function errorPage(title: string, message: string): string {
  return page(title, `<h1 class="error">Render failed</h1><pre class="error">${esc(message)}</pre>`);
}
