import { createHash } from 'node:crypto';
import { SafeHtml, html } from '../html.ts';
import { ZONE_SCRIPT_CSP } from './delivery-fields.ts';

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#57606a;--accent:#0b57d0;--line:#d0d7de;--err:#b3261e;--ok:#146c2e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--accent:#7cacf8;--line:#30363d;--err:#ff8a80;--ok:#7ee2a8}}
*{box-sizing:border-box}body{margin:0;font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main,header,footer{max-width:40rem;margin:0 auto;padding:1rem 1.25rem}header{border-bottom:1px solid var(--line)}
header a{font-weight:700;font-size:1.2rem;color:var(--fg);text-decoration:none}footer{color:var(--muted);font-size:.875rem;border-top:1px solid var(--line);margin-top:2rem}
h1{font-size:1.6rem;line-height:1.25;margin:1rem 0 .5rem}a{color:var(--accent)}p.lead{font-size:1.125rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input[type=email],select{font:inherit;width:100%;max-width:24rem;padding:.6rem .7rem;border:1px solid var(--muted);border-radius:.4rem;background:var(--bg);color:var(--fg)}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:1rem 0;padding:.5rem 1rem 1rem}legend{font-weight:600;padding:0 .3rem}
.choice{display:flex;gap:.6rem;align-items:flex-start;margin:.6rem 0}.choice input{width:1.3rem;height:1.3rem;margin:.2rem 0 0;flex:none}.choice label{margin:0;font-weight:600}.choice span{display:block;font-weight:400;color:var(--muted);font-size:.95rem}
button,.button{font:inherit;font-weight:600;display:inline-block;margin:.75rem .5rem .25rem 0;padding:.65rem 1.2rem;min-height:2.75rem;border-radius:.4rem;border:1px solid var(--accent);background:var(--accent);color:var(--bg);text-decoration:none;cursor:pointer}
button.secondary,.button.secondary{background:transparent;color:var(--accent)}:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.notice{border-left:4px solid var(--accent);padding:.5rem 1rem;margin:1rem 0}.notice.error{border-color:var(--err)}.notice.ok{border-color:var(--ok)}
.error-text{color:var(--err);font-weight:600}ul.topics{padding-left:1.2rem}
textarea{font:inherit;width:100%;padding:.5rem .7rem;border:1px solid var(--muted);border-radius:.4rem;background:var(--bg);color:var(--fg)}.hint{color:var(--muted);font-size:.95rem;margin:.1rem 0 .3rem}
ul.votes{padding-left:1.2rem}ul.votes li{margin:.6rem 0}ul.votes form{display:inline}ul.votes button{margin:.2rem 0 .2rem .5rem;padding:.3rem .8rem;min-height:2.25rem}
`;
// Built outside the html`` template so formatting can never change the bytes the CSP hash covers.
const STYLE_ELEMENT = new SafeHtml(`<style>${STYLE}</style>`);

/** The CSP source of an inline stylesheet: its hash. */
export function styleSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
}

/**
 * A page's Content-Security-Policy: only our own inline styles (by hash), no script unless `scripts` names one (by
 * hash), images from our own origin (plus `images` sources, e.g. `https:` for the web edition's thumbnails).
 */
export function pageCsp(
  extra: { styles?: readonly string[]; images?: readonly string[]; scripts?: readonly string[] } = {},
): string {
  return [
    "default-src 'none'",
    `style-src ${[STYLE, ...(extra.styles ?? [])].map(styleSource).join(' ')}`,
    ...(extra.scripts?.length ? [`script-src ${extra.scripts.join(' ')}`] : []),
    `img-src ${["'self'", ...(extra.images ?? [])].join(' ')}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The Content-Security-Policy of every page unless its route sets its own (see `pageCsp`). */
export const PAGE_CSP = pageCsp();

/** The subscribe form's CSP: the page CSP plus the one script that fills in the browser's time zone. */
export const SUBSCRIBE_PAGE_CSP = pageCsp({ scripts: [ZONE_SCRIPT_CSP] });

export interface PageOptions {
  title: string;
  body: SafeHtml;
  postalAddress: string;
  /** More for the <head>: alternate links, a page's own stylesheet. */
  head?: SafeHtml | undefined;
  /** Public pages search engines may index (the web editions); every other page says noindex. */
  indexable?: boolean | undefined;
}

/** The one shared page layout: a header, the page, and a footer with the sender's postal address. */
export function layout(options: PageOptions): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${options.indexable ? '' : html`<meta name="robots" content="noindex" />`}
        <title>${options.title} · Paperboy</title>
        ${STYLE_ELEMENT} ${options.head}
      </head>
      <body>
        <header><a href="/">Paperboy</a></header>
        <main id="main">${options.body}</main>
        <footer><p>${options.postalAddress}</p></footer>
      </body>
    </html> `.value;
}
