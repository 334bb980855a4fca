import type { TemplateName, TemplateProps } from '../src/render/index.ts';
import { digestTemplate } from './digest/DigestEmail.tsx';
import { confirmTemplate } from './transactional/ConfirmEmail.tsx';
import { goodbyeTemplate } from './transactional/GoodbyeEmail.tsx';
import { preferencesSavedTemplate } from './transactional/PreferencesSavedEmail.tsx';
import type { EmailTemplate } from './types.ts';

export type { EmailTemplate, EmailLink } from './types.ts';

/** Every template, by name. */
export const templates: { readonly [N in TemplateName]: EmailTemplate<TemplateProps[N]> } = {
  digest: digestTemplate,
  confirm: confirmTemplate,
  'preferences-saved': preferencesSavedTemplate,
  goodbye: goodbyeTemplate,
};
