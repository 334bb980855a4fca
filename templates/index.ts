import type { TransactionalProps, TransactionalTemplate } from '../src/render/index.ts';
import { goodbyeTemplate } from './transactional/GoodbyeEmail.tsx';
import { preferencesSavedTemplate } from './transactional/PreferencesSavedEmail.tsx';
import { confirmTemplate } from './transactional/ConfirmEmail.tsx';
import type { EmailTemplate } from './types.ts';

export type { EmailTemplate, EmailLink } from './types.ts';

/** Every template, by name. */
export const templates: { readonly [N in TransactionalTemplate]: EmailTemplate<TransactionalProps[N]> } = {
  confirm: confirmTemplate,
  'preferences-saved': preferencesSavedTemplate,
  goodbye: goodbyeTemplate,
};
