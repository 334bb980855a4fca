import { INTEREST_LIMITS, readerInterestsSchema, type ReaderInterests } from '../relevance/index.ts';

export type InterestField = keyof ReaderInterests;

/** The follow/mute fields of the preferences page, in page order, with what each list means. */
export const INTEREST_FIELDS: readonly { name: InterestField; label: string; hint: string; noun: string }[] = [
  {
    name: 'keywords',
    label: 'Keywords or phrases to follow',
    hint: 'One per line, e.g. "diffusion distillation". Papers that mention one come first.',
    noun: 'keywords',
  },
  { name: 'authors', label: 'Authors to follow', hint: 'One name per line, as written on papers.', noun: 'authors' },
  {
    name: 'organizations',
    label: 'Organisations to follow',
    hint: 'One per line: a lab or company, as Hugging Face names it.',
    noun: 'organisations',
  },
  {
    name: 'mutes',
    label: 'Keywords to mute',
    hint: 'One per line. A paper that mentions one never appears in your digest.',
    noun: 'muted keywords',
  },
];

/** What the textareas hold: one entry per line. */
export type InterestTexts = Record<InterestField, string>;
export type InterestErrors = Partial<Record<InterestField, string>>;

/** More than any valid list can take (20 lines of 80 characters), so a huge paste is refused before it is split. */
const MAX_FIELD_CHARS = (INTEREST_LIMITS.maxLength + 2) * INTEREST_LIMITS.maxItems * 2;
// Control and invisible format characters (bidi overrides, zero-width spaces) have no place in a keyword.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/** The lists as the textareas show them. */
export function interestTexts(interests: ReaderInterests): InterestTexts {
  return {
    keywords: interests.keywords.join('\n'),
    authors: interests.authors.join('\n'),
    organizations: interests.organizations.join('\n'),
    mutes: interests.mutes.join('\n'),
  };
}

/** One textarea's entries: trimmed, inner whitespace collapsed, blank lines and case-insensitive repeats dropped. */
function entries(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const entry = line.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
    if (entry === '' || seen.has(entry.toLowerCase())) continue;
    seen.add(entry.toLowerCase());
    out.push(entry);
  }
  return out;
}

function checkList(list: string[], noun: string): string | undefined {
  const { maxItems, maxLength, minLength } = INTEREST_LIMITS;
  if (list.length > maxItems) return `At most ${maxItems} ${noun} (you gave ${list.length}).`;
  const short = list.find((e) => e.length < minLength);
  if (short !== undefined) return `"${short}" is too short: each entry needs at least ${minLength} characters.`;
  const long = list.find((e) => e.length > maxLength);
  if (long !== undefined) {
    return `"${[...long].slice(0, 24).join('')}…" is too long: each entry may have at most ${maxLength} characters.`;
  }
  return undefined;
}

export type InterestsFormResult =
  { ok: true; interests: ReaderInterests } | { ok: false; texts: InterestTexts; errors: InterestErrors };

/**
 * Reads the follows/mutes form: each field one entry per line. Every field is checked, so the page can show each
 * field's own message next to it; nothing is saved unless all are valid.
 */
export function parseInterestsForm(body: unknown): InterestsFormResult {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const texts = {} as InterestTexts;
  const lists = {} as Record<InterestField, string[]>;
  const errors: InterestErrors = {};
  for (const field of INTEREST_FIELDS) {
    const raw = b[field.name];
    if (raw !== undefined && typeof raw !== 'string') {
      texts[field.name] = '';
      errors[field.name] = 'This field could not be read: please type one entry per line.';
      continue;
    }
    const text = raw ?? '';
    texts[field.name] = text.slice(0, MAX_FIELD_CHARS);
    if (text.length > MAX_FIELD_CHARS) {
      errors[field.name] =
        `Too long: at most ${INTEREST_LIMITS.maxItems} ${field.noun} of ${INTEREST_LIMITS.maxLength} characters.`;
      continue;
    }
    lists[field.name] = entries(text);
    const problem = checkList(lists[field.name], field.noun);
    if (problem) errors[field.name] = problem;
  }
  if (Object.keys(errors).length > 0) return { ok: false, texts, errors };
  // The relevance module's schema has the final word (the same limits, so this only guards a drift).
  const parsed = readerInterestsSchema.safeParse(lists);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'keywords') as InterestField;
    return { ok: false, texts, errors: { [field]: parsed.error.issues[0]?.message ?? 'This list is not valid.' } };
  }
  return { ok: true, interests: parsed.data };
}
