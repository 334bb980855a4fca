import { describe, expect, it } from 'vitest';
import {
  hasPlaceholders,
  personalise,
  PlaceholderError,
  PLACEHOLDER_LINKS,
  renderDigest,
  TEMPLATE_ENGINES,
  type RenderedEmail,
} from '../../../src/render/index.ts';
import { ValidationError } from '../../../src/shared/errors.ts';
import { context, digestWith, fixedDigest, recipient } from './digest-fixture.ts';

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe.each(TEMPLATE_ENGINES)('placeholders (%s)', (engine) => {
  it('renders once with placeholders and personalises every one of them', async () => {
    const once = await renderDigest(fixedDigest(), context, engine);
    expect(hasPlaceholders(once)).toBe(true);
    expect(once.html).not.toContain(recipient.manageUrl);
    const email = personalise(once, recipient);
    expect(hasPlaceholders(email)).toBe(false);
    expect(email.html).toContain(`href="${recipient.manageUrl.replace('&', '&amp;')}"`);
    expect(email.text).toContain(recipient.manageUrl);
    expect(email.html).toContain(`href="${recipient.unsubscribeUrl}"`);
  });

  it('never lets paper text forge a placeholder', async () => {
    const forged = digestWith({
      title: `${PLACEHOLDER_LINKS.manageUrl} Title`,
      authors: [PLACEHOLDER_LINKS.unsubscribeUrl, '\uE000bogus\uE000'],
      aiSummary: `see ${PLACEHOLDER_LINKS.manageUrl} and \uE000`,
      links: {
        page: `https://huggingface.co/papers/${PLACEHOLDER_LINKS.manageUrl}`,
        abs: 'https://arxiv.org/abs/1',
        pdf: 'https://arxiv.org/pdf/1',
      },
    });
    const clean = personalise(await renderDigest(fixedDigest(), context, engine), recipient);
    const email = personalise(await renderDigest(forged, context, engine), recipient);
    expect(count(email.html, recipient.unsubscribeUrl)).toBe(count(clean.html, recipient.unsubscribeUrl));
    expect(count(email.text, recipient.unsubscribeUrl)).toBe(count(clean.text, recipient.unsubscribeUrl));
    expect(count(email.text, recipient.manageUrl)).toBe(count(clean.text, recipient.manageUrl));
    expect(email.text).toContain('manage_url Title');
    expect(email.html).toContain('https://huggingface.co/papers/%EE%80%80manage_url%EE%80%80');
  });
});

describe('personalise', () => {
  const base: RenderedEmail = { subject: 's', preheader: 'p', html: '<a href="x">', text: 't' };

  it('throws on an unknown placeholder', () => {
    expect(() => personalise({ ...base, html: '<a href="\uE000first_name\uE000">' }, recipient)).toThrow(
      PlaceholderError,
    );
  });

  it('throws on a malformed placeholder', () => {
    expect(() => personalise({ ...base, text: 'Manage: \uE000manage_url' }, recipient)).toThrow(PlaceholderError);
  });

  it('throws on a placeholder in the subject', () => {
    expect(() => personalise({ ...base, subject: `Hi ${PLACEHOLDER_LINKS.manageUrl}` }, recipient)).toThrow(
      PlaceholderError,
    );
  });

  it('refuses recipient values that are not http(s) URLs', () => {
    const email = { ...base, html: `<a href="${PLACEHOLDER_LINKS.manageUrl}">` };
    expect(() => personalise(email, { ...recipient, manageUrl: 'javascript:alert(1)' })).toThrow(ValidationError);
    expect(() => personalise(email, { ...recipient, unsubscribeUrl: `https://x.example/${'\uE000'}` })).not.toThrow();
  });

  it('escapes values in HTML but not in text, in one pass', () => {
    const email: RenderedEmail = {
      ...base,
      html: `<a href="${PLACEHOLDER_LINKS.manageUrl}">m</a><a href="${PLACEHOLDER_LINKS.unsubscribeUrl}">u</a>`,
      text: `${PLACEHOLDER_LINKS.manageUrl} ${PLACEHOLDER_LINKS.unsubscribeUrl}`,
    };
    const out = personalise(email, {
      manageUrl: 'https://a.example/m?x=1&y="2"',
      unsubscribeUrl: 'https://a.example/u',
    });
    expect(out.html).toBe('<a href="https://a.example/m?x=1&amp;y=%222%22">m</a><a href="https://a.example/u">u</a>');
    expect(out.text).toBe('https://a.example/m?x=1&y=%222%22 https://a.example/u');
  });

  it('gives each recipient their own links from the same rendered email', async () => {
    const once = await renderDigest(fixedDigest(), context, 'react');
    const a = personalise(once, { manageUrl: 'https://p.example/m/a', unsubscribeUrl: 'https://p.example/u/a' });
    const b = personalise(once, { manageUrl: 'https://p.example/m/b', unsubscribeUrl: 'https://p.example/u/b' });
    expect(a.html).toContain('https://p.example/u/a');
    expect(a.html).not.toContain('https://p.example/u/b');
    expect(b.text).toContain('https://p.example/m/b');
    expect(once.html).toContain(PLACEHOLDER_LINKS.unsubscribeUrl);
  });
});
