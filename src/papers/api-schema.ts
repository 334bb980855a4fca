import { z } from 'zod';

// The Daily Papers API item as it really is (../shared/notes/hf-daily-papers-api.md): optional fields are absent,
// never null so far. Fields we do not use are allowed through untouched; fields we use must have the right type. A
// `null` in an optional field is read as absent (a future API that sends null must not drop the paper).

/** An optional field that also accepts `null`, read as absent. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const organizationSchema = z.looseObject({
  name: z.string(),
  fullname: optional(z.string()),
});

const authorSchema = z.looseObject({
  name: z.string(),
  hidden: optional(z.boolean()),
});

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 date' });

export const apiPaperSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  summary: z.string(),
  authors: z.array(authorSchema),
  publishedAt: isoDate,
  submittedOnDailyAt: optional(isoDate),
  upvotes: z.number().int().nonnegative(),
  ai_summary: optional(z.string()),
  ai_keywords: optional(z.array(z.string())),
  githubRepo: optional(z.string()),
  githubStars: optional(z.number().int().nonnegative()),
  projectPage: optional(z.string()),
  organization: optional(organizationSchema),
});

/** One element of `GET /api/daily_papers`. */
export const dailyPaperItemSchema = z.looseObject({
  paper: apiPaperSchema,
  title: optional(z.string()),
  summary: optional(z.string()),
  /** Quirk: an Eastern wall-clock time labelled "Z" since 2025-03; not the submission time. Unused. */
  publishedAt: optional(z.string()),
  thumbnail: optional(z.string()),
  numComments: optional(z.number().int().nonnegative()),
  organization: optional(organizationSchema),
  /** The submitter's organisation: on some shapes the only organisation the item names. */
  submitterOrganization: optional(organizationSchema),
});

export type DailyPaperItem = z.output<typeof dailyPaperItemSchema>;

/** Where a zod issue points, as `paper.upvotes`, and what was wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(item)'}: ${i.message}`).join('; ');
}
