/**
 * Sanitising for everything that comes from outside (paper fields, names, URLs) before any engine sees it.
 *
 * Invariant the render layer relies on: text that passed through here never contains a Private Use Area code point
 * (U+E000–U+F8FF). Per-recipient placeholders are built from one of those, so paper text can never forge one, in
 * the HTML or in the plain text.
 */

// C0/C1 controls (but tab and newline), bidi overrides that can disguise text, and the Private Use Area.
const UNSAFE_CLASS =
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069\\uE000-\\uF8FF]';
const UNSAFE_CHARS = new RegExp(UNSAFE_CLASS, 'g');
const HAS_UNSAFE_CHAR = new RegExp(UNSAFE_CLASS);

/** Removes control, bidi-override and reserved characters and collapses whitespace to single spaces. */
export function cleanText(value: string | undefined | null): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
}

/**
 * The URL normalised (WHATWG serialisation, which percent-encodes quotes, angle brackets and spaces) when it is an
 * absolute http(s) URL, else undefined: `javascript:`, `data:`, relative and malformed URLs are dropped.
 */
export function safeHttpUrl(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username !== '' || url.password !== '') return undefined;
    return HAS_UNSAFE_CHAR.test(url.href) ? undefined : url.href;
  } catch {
    return undefined;
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Cuts text to at most `max` characters at a word boundary, adding an ellipsis when something was cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max);
  const lastSpace = slice.lastIndexOf(' ');
  const cut = lastSpace > max * 0.6 ? slice.slice(0, lastSpace) : slice;
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}
