import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';

const SCHEMAS = join(import.meta.dirname, 'feed-schemas');

/** True when xmllint (apt-get install -y libxml2-utils) is on the PATH. */
export function xmllintAvailable(): boolean {
  return spawnSync('xmllint', ['--version']).status === 0;
}

/**
 * True when the XML feed tests must be skipped: xmllint is missing and PAPERBOY_REQUIRE_XMLLINT is not set. CI sets
 * that variable (and installs xmllint), so there a missing validator fails the tests instead of skipping them.
 */
export function skipXmlFeedTests(): boolean {
  return !xmllintAvailable() && !process.env.PAPERBOY_REQUIRE_XMLLINT;
}

/** The result of a validation: ok, or the validator's complaints. */
export interface Validation {
  ok: boolean;
  errors: string[];
}

function xmllint(schema: string, xml: string): Validation {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--relaxng', join(SCHEMAS, schema), '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (run.error) throw run.error;
  const errors = run.stderr.split('\n').filter((line) => line.trim() !== '' && !line.endsWith(' validates'));
  return { ok: run.status === 0, errors };
}

/**
 * Atom 1.0: the RFC 4287 RELAX NG grammar (Appendix B) with xmllint, plus the grammar's two Schematron rules
 * (xmllint does not run Schematron): every entry has an author or its feed has one, and every entry has an
 * alternate link or content.
 */
export function validateAtom(xml: string): Validation {
  const result = xmllint('atom.rng', xml);
  const feedHead = xml.split('<entry>')[0] ?? '';
  const entries = xml.split('<entry>').slice(1);
  if (!feedHead.includes('<author>') && entries.some((e) => !e.includes('<author>'))) {
    result.errors.push('an atom:entry has no atom:author and its feed has none');
  }
  if (entries.some((e) => !/<link (?![^>]*rel=)[^>]*href=|<link [^>]*rel="alternate"|<content[ >]/.test(e))) {
    result.errors.push('an atom:entry has neither an alternate link nor content');
  }
  return { ok: result.ok && result.errors.length === 0, errors: result.errors };
}

/** RSS 2.0: test/support/feed-schemas/rss2.rnc (the specification's rules as a RELAX NG grammar) with xmllint. */
export function validateRss(xml: string): Validation {
  return xmllint('rss2.rng', xml);
}

// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as a zod schema. Objects may carry extensions, whose keys
// start with an underscore; any other unknown key is an error.
const url = z.url();
const rfc3339 = z.iso.datetime({ offset: true });
function withExtensions<T extends z.ZodRawShape>(shape: T) {
  return z
    .object(shape)
    .catchall(z.unknown())
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!(key in shape) && !key.startsWith('_')) {
          ctx.addIssue({ code: 'custom', message: `unknown key "${key}" (extensions start with "_")`, path: [key] });
        }
      }
    });
}
const author = withExtensions({
  name: z.string().optional(),
  url: url.optional(),
  avatar: url.optional(),
}).refine((a) => a.name !== undefined || a.url !== undefined || a.avatar !== undefined, {
  message: 'an author has a name, url or avatar',
});
const attachment = withExtensions({
  url,
  mime_type: z.string().regex(/.+\/.+/),
  title: z.string().optional(),
  size_in_bytes: z.number().nonnegative().optional(),
  duration_in_seconds: z.number().nonnegative().optional(),
});
const item = withExtensions({
  id: z.string().min(1),
  url: url.optional(),
  external_url: url.optional(),
  title: z.string().optional(),
  content_html: z.string().optional(),
  content_text: z.string().optional(),
  summary: z.string().optional(),
  image: url.optional(),
  banner_image: url.optional(),
  date_published: rfc3339.optional(),
  date_modified: rfc3339.optional(),
  authors: z.array(author).optional(),
  tags: z.array(z.string()).optional(),
  language: z.string().optional(),
  attachments: z.array(attachment).optional(),
}).refine((i) => i.content_html !== undefined || i.content_text !== undefined, {
  message: 'an item has content_html or content_text',
});
export const jsonFeed11Schema = withExtensions({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string().min(1),
  home_page_url: url.optional(),
  feed_url: url.optional(),
  description: z.string().optional(),
  user_comment: z.string().optional(),
  next_url: url.optional(),
  icon: url.optional(),
  favicon: url.optional(),
  authors: z.array(author).optional(),
  language: z.string().optional(),
  expired: z.boolean().optional(),
  hubs: z.array(withExtensions({ type: z.string(), url })).optional(),
  items: z.array(item),
});

/** JSON Feed 1.1: the specification as a zod schema. */
export function validateJsonFeed(json: string): Validation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [`not JSON: ${String(error)}`] };
  }
  const result = jsonFeed11Schema.safeParse(parsed);
  return result.success
    ? { ok: true, errors: [] }
    : { ok: false, errors: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}
