import { render as renderReactEmail } from '@react-email/render';
import type { ReactElement } from 'react';
import type { EmailTemplate } from '../../templates/types.ts';
import { TemplateError } from './errors.ts';
import type { TemplateEngine } from './types.ts';

/** The HTML of a template in one engine. MJML is compiled strictly, unminified (no html-minifier). */
export async function renderHtml<P>(template: EmailTemplate<P>, props: P, engine: TemplateEngine): Promise<string> {
  if (engine === 'react') {
    try {
      return await renderReactEmail(template.react(props));
    } catch (error) {
      throw new TemplateError(template.name, `React Email render failed: ${String(error)}`, error);
    }
  }
  const source = template.mjml(props);
  // MJML (and the formatter it brings) is loaded on first use, so React-only processes never pay for it.
  const { default: mjml2html } = await import('mjml');
  try {
    const result = await mjml2html(source, {
      validationLevel: 'strict',
      minify: false,
      beautify: false,
      keepComments: false,
      fonts: {}, // system fonts only: no external stylesheet
    });
    return result.html;
  } catch (error) {
    throw new TemplateError(template.name, `MJML is invalid: ${describeMjmlError(error)}`, error);
  }
}

function describeMjmlError(error: unknown): string {
  if (error && typeof error === 'object' && 'errors' in error && Array.isArray(error.errors)) {
    return (error.errors as { formattedMessage?: string; message?: string }[])
      .map((e) => e.formattedMessage ?? e.message ?? 'unknown')
      .join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

// What React Email's render puts around a lone block: the doctype, and the Suspense boundary's markers.
const AROUND_BLOCK = /^<!DOCTYPE[^>]*>(?:<!--\$-->)?|<!--\/\$-->$/g;

/**
 * One block of the digest (a section, a paper) on its own, in one engine: the same markup the whole email writes for
 * it (React through the same renderer, MJML's blocks being HTML that mjml2html passes through inside its `mj-text`).
 */
export async function renderBlock<V>(
  block: { react: (view: V) => ReactElement; mjml: (view: V) => string },
  view: V,
  engine: TemplateEngine,
): Promise<string> {
  if (engine === 'mjml') return block.mjml(view);
  try {
    return (await renderReactEmail(block.react(view))).replace(AROUND_BLOCK, '');
  } catch (error) {
    throw new TemplateError('digest', `React Email render of a block failed: ${String(error)}`, error);
  }
}
