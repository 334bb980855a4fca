/** How a preview frame shows an email: as the browser prefers, or forced light or dark. */
export type Scheme = 'auto' | 'light' | 'dark';

const DARK_QUERY = /@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)/gi;

/**
 * The email's HTML as a client in that colour scheme renders it, whatever the browser's own preference: the
 * `prefers-color-scheme: dark` rules become unconditional (dark) or never apply (light), `:root` takes that colour
 * scheme, and for dark the body carries `data-ogsc`, which Outlook.com's dark mode sets and the templates target.
 * Only for the preview's frames; `auto` leaves the email as it is sent.
 */
export function withScheme(html: string, scheme: Scheme): string {
  if (scheme === 'auto') return html;
  const forced = `<style>:root { color-scheme: ${scheme} !important; }</style>`;
  let out = html.replace(DARK_QUERY, scheme === 'dark' ? '@media all' : '@media not all');
  out = /<\/head>/i.test(out) ? out.replace(/<\/head>/i, `${forced}</head>`) : forced + out;
  if (scheme === 'dark') out = out.replace(/<body\b/i, '<body data-ogsc=""');
  return out;
}
