import { domainToASCII } from 'node:url';
import { ValidationError } from '../shared/errors.ts';

/** An address as we store it, and the key we look it up by. */
export interface NormalisedEmail {
  /** What we send to: trimmed, domain lowercased (and punycoded), local part kept as typed. */
  address: string;
  /**
   * The identity of the address: `address` fully lowercased. RFC 5321 lets a server treat the local part
   * case-sensitively, but practically none does; folding it stops `Ann@x.org` and `ann@x.org` becoming two
   * subscribers (two digests, and a way to probe the list). We still send to the address as typed, so a rare
   * case-sensitive mailbox keeps working. Dots and `+tags` are NOT folded: they are provider-specific and
   * `+tags` are chosen on purpose.
   */
  key: string;
}

// A dot-atom local part (no quoted strings: nobody subscribes with them and they complicate every header).
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Trims, validates and normalises an email address. Throws a ValidationError (field `email`) saying what is
 * wrong; never echoes more than the input back.
 */
export function normaliseEmail(input: string): NormalisedEmail {
  const trimmed = input.trim();
  if (trimmed.length === 0) throw new ValidationError('An email address is required', 'email');
  if (trimmed.length > 254) throw new ValidationError('That email address is too long', 'email');
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) {
    throw new ValidationError('That does not look like an email address (expected name@example.org)', 'email');
  }
  const local = trimmed.slice(0, at);
  const rawDomain = trimmed.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL.test(local)) {
    throw new ValidationError('The part before the @ is not valid in an email address', 'email');
  }
  // domainToASCII handles internationalised names (IDNA) and returns '' for invalid ones.
  const domain = rawDomain.endsWith('.') ? '' : domainToASCII(rawDomain);
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (domain.length === 0 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TLD.test(tld)) {
    throw new ValidationError('The part after the @ is not a valid domain', 'email');
  }
  const address = `${local}@${domain}`;
  if (address.length > 254) throw new ValidationError('That email address is too long', 'email');
  return { address, key: address.toLowerCase() };
}

/** True when `normaliseEmail` would accept the input. */
export function isValidEmail(input: string): boolean {
  try {
    normaliseEmail(input);
    return true;
  } catch {
    return false;
  }
}
