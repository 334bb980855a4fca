/** Resend's rules for one email, as its API reports them: the first problem, with its error name. */

export type Verdict = { name: string; message: string } | null;

const TAG = /^[A-Za-z0-9_-]{1,256}$/;
const BARE_ADDRESS = /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/;
const NAMED_ADDRESS = /^[^<>]*<([^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+)>$/;
export const MAX_BATCH = 100;
const MAX_RECIPIENTS = 50;
const FORMAT = 'The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.';

/** The bare address of `a@b.c` or `Name <a@b.c>`, lower-cased; undefined when it is neither. */
export function bareAddress(value: string): string | undefined {
  const v = value.trim();
  if (BARE_ADDRESS.test(v)) return v.toLowerCase();
  return NAMED_ADDRESS.exec(v)?.[1]?.toLowerCase();
}

/** A `to`/`cc`/`bcc`/`reply_to` value as a list; 'invalid' for anything but a string or an array of strings. */
export function addressList(value: unknown): string[] | 'invalid' | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  return 'invalid';
}

/** Every to/cc/bcc recipient of an email, lower-cased bare addresses: each counts one against the quotas. */
export function recipientsOf(e: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const field of ['to', 'cc', 'bcc'] as const) {
    const list = addressList(e[field]);
    if (Array.isArray(list)) for (const a of list) out.push(bareAddress(a) ?? a.toLowerCase());
  }
  return out;
}

function validateAddresses(e: Record<string, unknown>, rejectedDomains: readonly string[]): Verdict {
  for (const field of ['to', 'cc', 'bcc', 'reply_to'] as const) {
    const list = addressList(e[field]);
    if (field === 'to' && (list === undefined || (Array.isArray(list) && list.length === 0))) {
      return { name: 'missing_required_field', message: 'Missing `to` field.' };
    }
    if (list === undefined) continue;
    if (list === 'invalid') return { name: 'validation_error', message: `Invalid \`${field}\` field. ${FORMAT}` };
    if (list.length > MAX_RECIPIENTS) {
      return { name: 'validation_error', message: `Too many recipients in \`${field}\`: at most ${MAX_RECIPIENTS}.` };
    }
    for (const address of list) {
      const bare = bareAddress(address);
      if (!bare) return { name: 'validation_error', message: `Invalid \`${field}\` field. ${FORMAT}` };
      const domain = bare.slice(bare.lastIndexOf('@') + 1);
      if (field !== 'reply_to' && rejectedDomains.includes(domain)) {
        return {
          name: 'validation_error',
          message: `Invalid \`${field}\` field. The ${domain} domain is not accepted.`,
        };
      }
    }
  }
  return null;
}

function validTags(tags: unknown): boolean {
  return (
    Array.isArray(tags) &&
    tags.every((t: unknown) => {
      const tag = t as { name?: unknown; value?: unknown } | null;
      return (
        typeof tag === 'object' &&
        tag !== null &&
        typeof tag.name === 'string' &&
        typeof tag.value === 'string' &&
        TAG.test(tag.name) &&
        TAG.test(tag.value)
      );
    })
  );
}

/** Validates one email of a request the way Resend reports it: the first problem, with its error name. */
export function validateEmail(email: unknown, rejectedDomains: readonly string[]): Verdict {
  if (typeof email !== 'object' || email === null || Array.isArray(email)) {
    return { name: 'validation_error', message: 'Each email must be an object.' };
  }
  const e = email as Record<string, unknown>;
  if (e.from === undefined || e.from === '')
    return { name: 'missing_required_field', message: 'Missing `from` field.' };
  if (typeof e.from !== 'string' || !bareAddress(e.from)) {
    return { name: 'validation_error', message: `Invalid \`from\` field. ${FORMAT}` };
  }
  const addresses = validateAddresses(e, rejectedDomains);
  if (addresses) return addresses;
  if (typeof e.subject !== 'string' || e.subject === '') {
    return { name: 'missing_required_field', message: 'Missing `subject` field.' };
  }
  const present = (v: unknown) => typeof v === 'string' && v !== '';
  if (!present(e.html) && !present(e.text)) {
    return { name: 'missing_required_field', message: 'Missing `html` or `text` field.' };
  }
  if (e.headers !== undefined) {
    const h = e.headers;
    if (
      typeof h !== 'object' ||
      h === null ||
      Array.isArray(h) ||
      !Object.values(h).every((v) => typeof v === 'string')
    ) {
      return { name: 'validation_error', message: 'The `headers` field must be an object of string values.' };
    }
  }
  if (e.tags !== undefined && !validTags(e.tags)) {
    return {
      name: 'validation_error',
      message: 'Tags must be {name, value} pairs of ASCII letters, numbers, underscores or dashes (at most 256).',
    };
  }
  if (e.attachments !== undefined) {
    return { name: 'validation_error', message: 'Attachments are not supported in batch emails.' };
  }
  return null;
}
