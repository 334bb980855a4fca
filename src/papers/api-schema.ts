import { z } from 'zod';

// The Daily Papers API item as it really is (../shared/notes/hf-daily-papers-api.md): optional fields are absent,
// never null. Fields we do not use are allowed through untouched; fields we use must have the right type.

const organizationSchema = z.looseObject({
  name: z.string(),
  fullname: z.string().optional(),
});

const authorSchema = z.looseObject({
  name: z.string(),
  hidden: z.boolean().optional(),
});

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 date' });

export const apiPaperSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  summary: z.string(),
  authors: z.array(authorSchema),
  publishedAt: isoDate,
  submittedOnDailyAt: isoDate.optional(),
  upvotes: z.number().int().nonnegative(),
  ai_summary: z.string().optional(),
  ai_keywords: z.array(z.string()).optional(),
  githubRepo: z.string().optional(),
  githubStars: z.number().int().nonnegative().optional(),
  projectPage: z.string().optional(),
  organization: organizationSchema.optional(),
});

/** One element of `GET /api/daily_papers`. */
export const dailyPaperItemSchema = z.looseObject({
  paper: apiPaperSchema,
  title: z.string().optional(),
  summary: z.string().optional(),
  /** Quirk: an Eastern wall-clock time labelled "Z" since 2025-03; not the submission time. Unused. */
  publishedAt: z.string().optional(),
  thumbnail: z.string().optional(),
  numComments: z.number().int().nonnegative().optional(),
  organization: organizationSchema.optional(),
});

export type DailyPaperItem = z.infer<typeof dailyPaperItemSchema>;

/** Where a zod issue points, as `paper.upvotes`, and what was wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(item)'}: ${i.message}`).join('; ');
}
