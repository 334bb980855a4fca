import { render as renderReactEmail } from '@react-email/render';
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
