import { wellFormed } from '../../templates/components/clean.ts';
import { templates } from '../../templates/index.ts';
import type { EmailTemplate } from '../../templates/types.ts';
import { ValidationError } from '../shared/errors.ts';
import { renderHtml } from './engines.ts';
import { TemplateError } from './errors.ts';
import type { RenderedEmail, TemplateEngine, TemplateName, TemplateProps } from './types.ts';

/** The template registered under `name`, or a TemplateError. */
export function getTemplate<N extends TemplateName>(name: N): EmailTemplate<TemplateProps[N]> {
  if (!Object.hasOwn(templates, name)) throw new TemplateError(String(name), 'no such template');
  return templates[name];
}

/**
 * Renders any template in either engine: `{subject, html, text, preheader}`. Props of templates with a schema are
 * validated first (ValidationError naming the field); engine failures are TemplateErrors.
 */
export function render<N extends TemplateName>(
  name: N,
  props: TemplateProps[N],
  engine: TemplateEngine,
): Promise<RenderedEmail> {
  return renderTemplate(getTemplate(name), props, engine);
}

/** `render` for a template object (the preview renders templates it imported itself, from any folder). */
export async function renderTemplate<P>(
  template: EmailTemplate<P>,
  props: P,
  engine: TemplateEngine,
): Promise<RenderedEmail> {
  const name = template.name;
  let checked = props;
  if (template.schema) {
    const parsed = template.schema.safeParse(props);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      throw new ValidationError(`${name}: ${field || 'props'}: ${issue?.message ?? 'invalid'}`, field, parsed.error);
    }
    checked = parsed.data;
  }
  const html = await renderHtml(template, checked, engine);
  return {
    // A header must be valid UTF-8: a lone surrogate, whatever produced it, becomes U+FFFD here.
    subject: wellFormed(template.subject(checked)),
    preheader: template.preheader(checked),
    html,
    text: template.text(checked),
  };
}

/** Every template's name, description and sample names (for the preview index). */
export function listTemplates(): { name: TemplateName; description: string; samples: string[] }[] {
  return (Object.keys(templates) as TemplateName[]).map((name) => ({
    name,
    description: templates[name].description,
    samples: Object.keys(templates[name].samples),
  }));
}
