// The render module's public face: templates in two engines, rendered once per profile, personalised per recipient.
import type { Digest } from '../digest/index.ts';
import { PLACEHOLDER_LINKS } from './placeholders.ts';
import { render } from './render.ts';
import type {
  DigestRenderContext,
  RenderedEmail,
  TemplateEngine,
  TemplateProps,
  TransactionalProps,
  TransactionalTemplate,
} from './types.ts';

export * from './types.ts';
export { TemplateError, PlaceholderError } from './errors.ts';
export {
  personalise,
  personaliseSpliced,
  joinSpliced,
  hasPlaceholders,
  PLACEHOLDER_LINKS,
  type SplicedPart,
} from './placeholders.ts';
export { render, renderTemplate, getTemplate, listTemplates } from './render.ts';
export { DigestAssembler, type AssembledDigest, type ReaderLinks } from './assemble.ts';

/**
 * Renders a digest once for its preference profile. The manage and unsubscribe links are placeholders: call
 * `personalise` per recipient (a leftover placeholder is an error, never an email).
 */
export function renderDigest(digest: Digest, ctx: DigestRenderContext, engine: TemplateEngine): Promise<RenderedEmail> {
  return render('digest', { digest, context: ctx, links: PLACEHOLDER_LINKS }, engine);
}

/**
 * Renders a transactional email (confirm subscription, preferences saved, goodbye) for one recipient.
 * Every URL in the props must be an absolute http(s) URL (ValidationError otherwise).
 */
export function renderTransactional<N extends TransactionalTemplate>(
  name: N,
  props: TransactionalProps[N],
  engine: TemplateEngine,
): Promise<RenderedEmail> {
  return render(name, props as TemplateProps[N], engine);
}
