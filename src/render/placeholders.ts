import { escapeHtml, safeHttpUrl } from '../../templates/components/clean.ts';
import { ValidationError } from '../shared/errors.ts';
import { PlaceholderError } from './errors.ts';
import type { RecipientVars, RenderedEmail } from './types.ts';

/**
 * Per-recipient placeholders are `U+E000 name U+E000`. U+E000 is a Private Use Area code point that the templates
 * strip from every piece of outside text (`cleanText`) and that URL normalisation percent-encodes, so no paper
 * field can ever produce one, neither in the HTML nor in the plain text.
 */
const SENTINEL = '\uE000';
const PLACEHOLDER = /\uE000([a-z_]*)\uE000/g;

const NAMES = { manage_url: 'manageUrl', unsubscribe_url: 'unsubscribeUrl' } as const satisfies Record<
  string,
  keyof RecipientVars
>;
type PlaceholderName = keyof typeof NAMES;

function token(name: PlaceholderName): string {
  return `${SENTINEL}${name}${SENTINEL}`;
}

/** The links a profile's digest is rendered with; `personalise` replaces them per recipient. */
export const PLACEHOLDER_LINKS: RecipientVars = Object.freeze({
  manageUrl: token('manage_url'),
  unsubscribeUrl: token('unsubscribe_url'),
});

/** A rendered part cut at its placeholders: `parts[i]` then the value of `keys[i]`, ..., then the last part. */
interface Compiled {
  parts: string[];
  keys: (keyof RecipientVars)[];
}

function compile(source: string, where: string): Compiled {
  const parts: string[] = [];
  const keys: (keyof RecipientVars)[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!Object.hasOwn(NAMES, name)) throw new PlaceholderError(`unknown placeholder "${name}" in the ${where}`);
    parts.push(source.slice(last, match.index));
    keys.push(NAMES[name as PlaceholderName]);
    last = match.index + match[0].length;
  }
  parts.push(source.slice(last));
  if (parts.some((p) => p.includes(SENTINEL))) throw new PlaceholderError(`malformed placeholder in the ${where}`);
  return { parts, keys };
}

interface CompiledEmail {
  html: Compiled;
  text: Compiled;
}
// Rendered once per profile, personalised many times: cut each email at its placeholders only once.
const cache = new WeakMap<RenderedEmail, CompiledEmail>();

function compileEmail(email: RenderedEmail): CompiledEmail {
  let compiled = cache.get(email);
  if (!compiled) {
    if (email.subject.includes(SENTINEL) || email.preheader.includes(SENTINEL))
      throw new PlaceholderError('placeholders are not allowed in the subject or preheader');
    compiled = { html: compile(email.html, 'HTML'), text: compile(email.text, 'plain text') };
    cache.set(email, compiled);
  }
  return compiled;
}

function checkedUrl(value: string, field: keyof RecipientVars): string {
  const url = safeHttpUrl(value);
  if (url === undefined) throw new ValidationError(`${field} must be an absolute http(s) URL`, field);
  return url;
}

/**
 * Fills in one recipient's values, in a single pass over each part (HTML values escaped, text values as is).
 * Throws PlaceholderError for an unknown or malformed placeholder and ValidationError for a value that is not an
 * http(s) URL, so a half-personalised email never leaves.
 */
export function personalise(email: RenderedEmail, vars: RecipientVars): RenderedEmail {
  const { html, text } = personaliseSpliced(email, vars);
  return { subject: email.subject, preheader: email.preheader, html: joinSpliced(html), text: joinSpliced(text) };
}

/**
 * One part of a personalised email as the profile's shared pieces and this recipient's values:
 * `parts[0] + values[0] + parts[1] + ... + parts[n]`. `parts` is the same array for every recipient of a rendering,
 * so a transport can encode it once per profile and splice the values in per recipient.
 */
export interface SplicedPart {
  readonly parts: readonly string[];
  readonly values: readonly string[];
  /** What recurs between messages (see the mail module's SplicedContent); default: the `parts` array. */
  readonly recurs?: 'array' | 'strings' | 'none';
}

/** The text a spliced part stands for. */
export function joinSpliced(part: SplicedPart): string {
  let out = part.parts[0] ?? '';
  for (let i = 0; i < part.values.length; i++) out += part.values[i]! + (part.parts[i + 1] ?? '');
  return out;
}

/**
 * `personalise` without building the strings: the html and text parts in spliced form (see SplicedPart), with the
 * same checks (unknown or malformed placeholders, values that are not http(s) URLs) and the same escaping.
 */
export function personaliseSpliced(
  email: RenderedEmail,
  vars: RecipientVars,
): { html: SplicedPart; text: SplicedPart } {
  const compiled = compileEmail(email);
  const text: RecipientVars = {
    manageUrl: checkedUrl(vars.manageUrl, 'manageUrl'),
    unsubscribeUrl: checkedUrl(vars.unsubscribeUrl, 'unsubscribeUrl'),
  };
  const html: RecipientVars = {
    manageUrl: escapeHtml(text.manageUrl),
    unsubscribeUrl: escapeHtml(text.unsubscribeUrl),
  };
  return {
    html: { parts: compiled.html.parts, values: compiled.html.keys.map((k) => html[k]) },
    text: { parts: compiled.text.parts, values: compiled.text.keys.map((k) => text[k]) },
  };
}

/** True when the email still holds placeholders (rendered for a profile, not yet personalised). */
export function hasPlaceholders(email: RenderedEmail): boolean {
  return email.html.includes(SENTINEL) || email.text.includes(SENTINEL);
}
