import { describe, expect, it } from 'vitest';
import { isValidEmail, normaliseEmail } from '../../../src/subscribers/index.ts';

describe('normaliseEmail', () => {
  it('trims, lowercases the domain, keeps the local part for sending and folds it for identity', () => {
    expect(normaliseEmail('  Ann.Lee+papers@Example.ORG ')).toEqual({
      address: 'Ann.Lee+papers@example.org',
      key: 'ann.lee+papers@example.org',
    });
  });

  it('punycodes internationalised domains', () => {
    expect(normaliseEmail('a@bücher.de').address).toBe('a@xn--bcher-kva.de');
  });

  it.each([
    '',
    'plain',
    '@example.org',
    'a@',
    'a@localhost',
    'a b@example.org',
    'a..b@example.org',
    '.a@example.org',
    'a@-x.org',
    'a@x.org.',
    'a@x.1',
    '"q"@example.org',
    `${'a'.repeat(65)}@example.org`,
    `a@${'b'.repeat(250)}.org`,
    'a@exa mple.org',
    'a@example.org\r\nBcc: x@y.org',
  ])('rejects %j', (input) => {
    expect(isValidEmail(input)).toBe(false);
    expect(() => normaliseEmail(input)).toThrow(/email|address|domain|@/i);
  });
});
