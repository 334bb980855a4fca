import { escapeHtml } from './clean.ts';

/** Markup that is already safe (built by `mj`), inserted as is. */
export interface SafeMarkup {
  readonly __safeMarkup: string;
}

type Interpolation = string | number | SafeMarkup | readonly Interpolation[] | false | null | undefined;

function isSafe(value: unknown): value is SafeMarkup {
  return typeof value === 'object' && value !== null && '__safeMarkup' in value;
}

function toMarkup(value: Interpolation): string {
  if (value === false || value === null || value === undefined) return '';
  if (isSafe(value)) return value.__safeMarkup;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return String(value);
  return value.map(toMarkup).join('');
}

/**
 * Builds MJML (or HTML inside `mj-text`) where every interpolated value is escaped unless it is itself `mj` output,
 * so paper text can only ever appear as text, in content and in attributes alike. Arrays are joined.
 */
export function mj(strings: TemplateStringsArray, ...values: Interpolation[]): SafeMarkup {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += toMarkup(value) + (strings[i + 1] ?? '');
  });
  return { __safeMarkup: out };
}

/** Trusted markup from our own code (never from data). */
export function trusted(markup: string): SafeMarkup {
  return { __safeMarkup: markup };
}

/** The finished MJML source. */
export function toSource(markup: SafeMarkup): string {
  return markup.__safeMarkup;
}
