import { templates } from '../../templates/index.ts';
import type { EmailTemplate } from '../../templates/types.ts';
import { ValidationError } from '../shared/errors.ts';
import { renderHtml } from './engines.ts';
import { TemplateError } from './errors.ts';
import type { RenderedEmail, TemplateEngine, TransactionalTemplate, TransactionalProps } from './types.ts';

/** The template registered under `name`, or a TemplateError. */
export function getTemplate<N extends TransactionalTemplate>(name: N): EmailTemplate<TransactionalProps[N]> {
  if (!Object.hasOwn(templates, name)) throw new TemplateError(String(name), 'no such template');
  return templates[name];
}

/**
 * Renders any template in either engine: `{subject, html, text, preheader}`. Props of templates with a schema are
 * validated first (ValidationError naming the field); engine failures are TemplateErrors.
 */
export async function render<N extends TransactionalTemplate>(
  name: N,
  props: TransactionalProps[N],
  engine: TemplateEngine,
): Promise<RenderedEmail> {
  const template = getTemplate(name);
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
    subject: template.subject(checked),
    preheader: template.preheader(checked),
    html,
    text: template.text(checked),
  };
}
