import { escapeHtml as esc } from '../../../templates/components/clean.ts';
import { GMAIL_CLIP_BYTES } from '../../../templates/components/tokens.ts';
import type { RenderedEmail, TemplateEngine } from '../types.ts';
import { problemHtml, typesHtml, typesKey } from './problem-view.ts';
import type { TemplateListing } from './protocol.ts';
import type { Scheme } from './scheme.ts';
import type { Problem } from './source-location.ts';
import type { TypeCheckState } from './type-checker.ts';

const ENGINES = ['react', 'mjml'] as const;
const ENGINE_NAMES: Record<TemplateEngine, string> = { react: 'React Email', mjml: 'MJML' };

const CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #111; background: #fafafa; }
header { padding: 12px 20px; background: #111827; color: #fff; display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
header a { color: #93c5fd; } main { padding: 16px 20px; }
table.index { border-collapse: collapse; } .index td, .index th { padding: 6px 12px; border-bottom: 1px solid #ddd; text-align: left; }
.frames { display: flex; gap: 20px; align-items: flex-start; overflow-x: auto; padding-bottom: 8px; }
.frames figure { margin: 0; } .frames figcaption { font-weight: 600; margin-bottom: 4px; }
.frames iframe { border: 1px solid #ccc; background: #fff; height: 1200px; } .frames iframe.dark { background: #111; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0 0 16px; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; word-break: break-all; }
.warn { color: #b91c1c; font-weight: 700; } .ok { color: #15803d; } .note { color: #555; }
pre { background: #fff; border: 1px solid #ddd; padding: 12px; white-space: pre-wrap; max-width: 100ch; }
pre.frame { font: 13px/1.4 ui-monospace, monospace; white-space: pre; overflow-x: auto; }
.problem { border-left: 4px solid #b91c1c; padding: 4px 16px; margin: 0 0 16px; background: #fff5f5; max-width: 110ch; }
.problem ul { padding: 0; list-style: none; } .where { font: 600 14px ui-monospace, monospace; }
.error { color: #b91c1c; }`;

// Live reload: the server pushes "reload" over Server-Sent Events when a template file changes, and "types" with
// the type check's new key when one finishes (a page showing another key reloads). On (re)connecting it sends
// "hello" with the templates' generation and the type check's key now: a page rendered before an edit whose
// stream opened after it reloads too, so no edit is missed however slow the page was to connect. Every page
// carries this, error pages too, so fixing the file brings the page back by itself; the EventSource reconnects on
// its own if the server restarts. Frames grow to their content so the whole email shows.
const RELOAD = `<script>
const events = new EventSource('/events');
const stale = (e) => e.data !== document.body.dataset.live;
events.addEventListener('reload', () => location.reload());
events.addEventListener('hello', (e) => { if (stale(e)) location.reload(); });
events.addEventListener('types', (e) => { if (e.data.split(' ')[1] !== document.body.dataset.live.split(' ')[1]) location.reload(); });
for (const f of document.querySelectorAll('iframe')) f.addEventListener('load', () => {
  f.style.height = f.contentDocument.documentElement.scrollHeight + 'px';
});
</script>`;

/** What a page was rendered from: the templates' generation (one more per edit) and the type check's state. */
export interface LiveState {
  generation: number;
  types?: TypeCheckState | undefined;
}

/** The page's live key, "<generation> <types key>", as the "hello" and "types" events carry it. */
export function liveKey(live: LiveState): string {
  return `${live.generation} ${typesKey(live.types)}`;
}

function page(title: string, body: string, live: LiveState): string {
  const types = live.types;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body data-live="${esc(liveKey(live))}"><header><strong>Paperboy preview</strong><a href="/">all templates</a><span>${esc(title)}</span></header><main>${typesHtml(types)}${body}</main>${RELOAD}</body></html>`;
}

/** `?date=` suffix, when rendering from a stored edition. */
function dateQuery(date: string | undefined, scheme?: Scheme): string {
  const q = new URLSearchParams();
  if (date) q.set('date', date);
  if (scheme && scheme !== 'auto') q.set('scheme', scheme);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The index: every template x engine x sample profile, plus stored editions to render the digest from. */
export function indexPage(templates: TemplateListing[], editionDates: string[], live: LiveState): string {
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
    `<h1>Templates</h1><p>Each page shows both engines side by side, a mobile frame and a dark-mode frame; the engine picked sets the headers, plain text and the two narrow frames.</p><table class="index"><tr><th>template</th><th>what</th><th>sample</th><th>engine</th></tr>${rows.join('')}</table>${editions}`,
    live,
  );
}

/** One engine's rendering for the side-by-side row: the email, or why it failed. */
export type EngineResult = { ok: true; email: RenderedEmail; ms: number } | { ok: false; problem: Problem };

export interface ViewPageInput {
  template: string;
  engine: TemplateEngine;
  sample: string;
  date: string | undefined;
  results: Record<TemplateEngine, EngineResult>;
  headers: Record<string, string>;
  live: LiveState;
}

function sizeOf(html: string, id: string): string {
  const bytes = Buffer.byteLength(html, 'utf8');
  const kb = (bytes / 1024).toFixed(1);
  return bytes > GMAIL_CLIP_BYTES
    ? `<span class="warn" id="${id}">${kb} KB: over ${GMAIL_CLIP_BYTES / 1024} KB, Gmail will clip this email and hide its footer</span>`
    : `<span class="ok" id="${id}">${kb} KB (under ${GMAIL_CLIP_BYTES / 1024} KB)</span>`;
}

/** One template x sample: React Email and MJML side by side, then mobile and dark frames, headers and plain text. */
export function viewPage(v: ViewPageInput): string {
  const raw = (engine: TemplateEngine, scheme: Scheme = 'auto') =>
    `/raw/${encodeURIComponent(v.template)}/${engine}/${encodeURIComponent(v.sample)}.html${dateQuery(v.date, scheme)}`;
  const frame = (id: string, engine: TemplateEngine, width: number, scheme: Scheme, caption: string) =>
    `<figure><figcaption>${esc(caption)}</figcaption><iframe id="${id}" class="${scheme}" title="${esc(caption)}" width="${width}" sandbox="allow-same-origin allow-popups" src="${esc(raw(engine, scheme))}"></iframe></figure>`;
  const side = ENGINES.map((e) => {
    const r = v.results[e];
    if (!r.ok)
      return `<figure><figcaption>${ENGINE_NAMES[e]}: failed</figcaption>${problemHtml(r.problem, `problem-${e}`)}</figure>`;
    return frame(
      e,
      e,
      640,
      'light',
      `${ENGINE_NAMES[e]} · 640 px · ${(Buffer.byteLength(r.email.html) / 1024).toFixed(1)} KB · ${r.ms.toFixed(0)} ms`,
    );
  }).join('');
  const primary = v.results[v.engine] as Extract<EngineResult, { ok: true }>;
  const other = v.engine === 'react' ? 'mjml' : 'react';
  const headerRows = Object.entries({
    Subject: primary.email.subject,
    Preheader: primary.email.preheader,
    ...v.headers,
  })
    .map(([k, val]) => `<dt>${esc(k)}</dt><dd>${esc(val)}</dd>`)
    .join('');
  const title = `${v.template} · ${v.engine} · ${v.sample}${v.date ? ` · ${v.date}` : ''}`;
  return page(
    title,
    `<p>Headers, text, mobile and dark frames: ${ENGINE_NAMES[v.engine]} (<a href="/view/${esc(v.template)}/${other}/${esc(v.sample)}${dateQuery(v.date)}">switch to ${ENGINE_NAMES[other]}</a>) · <a href="${esc(raw(v.engine))}">raw HTML</a></p>
<div class="frames" id="engines">${side}</div>
<div class="frames">
${frame('mobile', v.engine, 375, 'light', `Mobile (375 px) · ${ENGINE_NAMES[v.engine]}`)}
${frame('dark', v.engine, 375, 'dark', `Dark mode (375 px) · ${ENGINE_NAMES[v.engine]}`)}
</div>
<dl class="meta">${headerRows}<dt>HTML size</dt><dd>${sizeOf(primary.email.html, 'size')}</dd></dl>
<h2>Plain text</h2><pre id="text">${esc(primary.email.text)}</pre>`,
    v.live,
  );
}

/** Shown when rendering failed: where and why; the page still live-reloads, so fixing the file clears it. */
export function errorPage(title: string, problem: Problem, live: LiveState): string {
  return page(title, `<h1 class="error">Render failed</h1>${problemHtml(problem)}`, live);
}
