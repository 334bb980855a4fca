import { describe, expect, it } from 'vitest';
import {
  renderTransactional,
  TEMPLATE_ENGINES,
  type TransactionalProps,
  type TransactionalTemplate,
} from '../../../src/render/index.ts';
import { ValidationError } from '../../../src/shared/errors.ts';
import ConfirmEmail from '../../../templates/transactional/ConfirmEmail.tsx';
import FreshLinkEmail from '../../../templates/transactional/FreshLinkEmail.tsx';
import GoodbyeEmail from '../../../templates/transactional/GoodbyeEmail.tsx';
import PreferencesSavedEmail from '../../../templates/transactional/PreferencesSavedEmail.tsx';

const samples: { [N in TransactionalTemplate]: TransactionalProps[N] } = {
  confirm: ConfirmEmail.PreviewProps,
  'preferences-saved': PreferencesSavedEmail.PreviewProps,
  goodbye: GoodbyeEmail.PreviewProps,
  'fresh-link': FreshLinkEmail.PreviewProps,
};

const linksOf = (p: object) =>
  Object.entries(p)
    .filter(([k]) => k.endsWith('Url'))
    .map(([, v]) => v as string);

describe.each(TEMPLATE_ENGINES)('transactional templates (%s)', (engine) => {
  it.each(Object.keys(samples) as TransactionalTemplate[])('%s renders every link in HTML and text', async (name) => {
    const props = samples[name];
    const email = await renderTransactional(name, props, engine);
    expect(email.subject.length).toBeGreaterThan(10);
    expect(email.preheader.length).toBeGreaterThan(10);
    expect(email.html).toMatch(/<html[^>]* lang="en"/);
    expect(email.html).toContain(props.postalAddress);
    expect(email.text).toContain(props.postalAddress);
    for (const url of linksOf(props)) {
      expect(email.html).toContain(`href="${url}"`);
      expect(email.text).toContain(url);
    }
    expect(email.html).not.toMatch(/<script|<link[^>]+stylesheet|@import/i);
  });

  it('escapes topic names', async () => {
    const email = await renderTransactional(
      'confirm',
      { ...samples.confirm, topics: ['<img src=x onerror=alert(1)>'] },
      engine,
    );
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('rejects a link that is not http(s)', async () => {
    await expect(
      renderTransactional('goodbye', { ...samples.goodbye, resubscribeUrl: 'javascript:alert(1)' }, engine),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
