import { digestTemplate } from './digest/DigestEmail.tsx';
import { confirmTemplate } from './transactional/ConfirmEmail.tsx';
import { freshLinkTemplate } from './transactional/FreshLinkEmail.tsx';
import { goodbyeTemplate } from './transactional/GoodbyeEmail.tsx';
import { preferencesSavedTemplate } from './transactional/PreferencesSavedEmail.tsx';
import type { DigestEmailProps } from './digest/props.ts';
import type { ConfirmEmailProps } from './transactional/ConfirmEmail.tsx';
import type { FreshLinkEmailProps } from './transactional/FreshLinkEmail.tsx';
import type { GoodbyeEmailProps } from './transactional/GoodbyeEmail.tsx';
import type { PreferencesSavedEmailProps } from './transactional/PreferencesSavedEmail.tsx';
import type { EmailTemplate } from './types.ts';

export type { EmailTemplate, EmailLink } from './types.ts';
export type { DigestEmailProps, DigestRenderContext, DigestSkeleton, RecipientVars } from './digest/props.ts';
export { digestTemplate, type DigestTemplate } from './digest/DigestEmail.tsx';
export type { PaperView } from './digest/paper-view.ts';
export { readingOrder, sectionOrder, type DigestView, type SectionView } from './digest/view.ts';
export type { ConfirmEmailProps } from './transactional/ConfirmEmail.tsx';
export type { PreferencesSavedEmailProps } from './transactional/PreferencesSavedEmail.tsx';
export type { GoodbyeEmailProps } from './transactional/GoodbyeEmail.tsx';
export type { FreshLinkEmailProps } from './transactional/FreshLinkEmail.tsx';

/** Every template's props, by template name (each template declares its own). */
export interface TemplateProps {
  digest: DigestEmailProps;
  confirm: ConfirmEmailProps;
  'preferences-saved': PreferencesSavedEmailProps;
  goodbye: GoodbyeEmailProps;
  'fresh-link': FreshLinkEmailProps;
}
export type TemplateName = keyof TemplateProps;

/** Every template, by name, with its props type and sample props. */
export const templates: { readonly [N in TemplateName]: EmailTemplate<TemplateProps[N]> } = {
  digest: digestTemplate,
  confirm: confirmTemplate,
  'preferences-saved': preferencesSavedTemplate,
  goodbye: goodbyeTemplate,
  'fresh-link': freshLinkTemplate,
};
