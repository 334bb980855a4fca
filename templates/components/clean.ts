/**
 * Sanitising for everything that comes from outside (paper fields, names, URLs) before any engine sees it.
 *
 * Invariant the render layer relies on: text that passed through here never contains a Private Use Area code point
 * (U+E000–U+F8FF). Per-recipient placeholders are built from one of those, so paper text can never forge one, in
 * the HTML or in the plain text.
 */

// Characters that never belong in third-party text: C0/C1 controls (but tab and newline); every bidi control
// (LRM, RLM, ALM, the embeddings and overrides U+202A-202E, the isolates U+2066-2069) that can make text read in a
// different order than it is stored; invisible format characters that can hide or split words (soft hyphen,
// zero-width space/joiners U+200B-200D, word joiner and invisible operators U+2060-2064, deprecated format
// characters U+206A-206F, the BOM U+FEFF, the Mongolian vowel separator U+180E, Hangul fillers, interlinear
// annotation marks, tag characters U+E0000-E007F); and the Private Use Area.
const UNSAFE_CLASS =
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u00AD\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E' +
  '\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u3164\\uFEFF\\uFFA0\\uFFF9-\\uFFFB' +
  '\\u{E0000}-\\u{E007F}\\uE000-\\uF8FF\\u{F0000}-\\u{10FFFF}]';
// The class lists joiners and combining fillers one by one, to remove each on its own: not a misleading class.
// eslint-disable-next-line no-misleading-character-class
const UNSAFE_CHARS = new RegExp(UNSAFE_CLASS, 'gu');
// eslint-disable-next-line no-misleading-character-class
const HAS_UNSAFE_CHAR = new RegExp(UNSAFE_CLASS, 'u');
// A surrogate without its partner (a title cut in the middle of an emoji, or broken upstream data).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text with every lone surrogate replaced by U+FFFD, as `String.prototype.toWellFormed` does: a header
 * (Subject) or a JSON body built from it is then valid UTF-8.
 */
export function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

// Printable ASCII words separated by single spaces, with no space at either end: what cleanText returns unchanged.
const CLEAN_ASCII = /^(?:[!-~]+(?: [!-~]+)*)?$/;

/**
 * Repairs lone surrogates, removes control, bidi, invisible and reserved characters, and collapses whitespace to
 * single spaces.
 */
export function cleanText(value: string | undefined | null): string {
  if (value === undefined || value === null) return '';
  // Most text is already clean (printable ASCII words, single spaces): nothing to do, and a digest cleans a lot.
  if (typeof value === 'string' && CLEAN_ASCII.test(value)) return value;
  return wellFormed(String(value)).replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
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

const NEEDS_ESCAPE = /[&<>"']/;

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string): string {
  // Most values (links, ids) have nothing to escape: tested first, they are returned as they are.
  return NEEDS_ESCAPE.test(value) ? value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c) : value;
}

/** Cuts text to at most `max` characters at a word boundary, adding an ellipsis when something was cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never cut between the two halves of a surrogate pair (an emoji at the cut).
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  const slice = text.slice(0, end);
  const lastSpace = slice.lastIndexOf(' ');
  const cut = lastSpace > max * 0.6 ? slice.slice(0, lastSpace) : slice;
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}
