import { z } from 'zod';
import { isEditionId } from '../shared/dates.ts';
import { MAX_VECTOR_BYTES } from './vector.ts';

/** A reader's one-click verdict on a paper. */
export const VOTES = ['more', 'less'] as const;
export type Vote = (typeof VOTES)[number];

/** One vote as stored: which paper, of which edition, the title (for the preferences page), when, and its terms. */
export const readerVoteSchema = z.object({
  paperId: z.string().min(1).max(64),
  /** The edition the vote came from (a day's date, or a weekly round-up's id). */
  date: z.string().refine(isEditionId, { message: 'expected an edition: YYYY-MM-DD or YYYY-MM-DD-weekly' }),
  vote: z.enum(VOTES),
  title: z.string().max(500),
  at: z.iso.datetime(),
  /** The voted paper's top terms as the model stores them (see vector.ts); set by `ReaderStore.recordVote`. */
  terms: z.string().max(MAX_VECTOR_BYTES).optional(),
});
export type ReaderVote = z.infer<typeof readerVoteSchema>;

export const INTEREST_LIMITS = { maxItems: 20, maxLength: 80, minLength: 2 } as const;

const entry = z
  .string()
  .trim()
  .min(INTEREST_LIMITS.minLength, `must be at least ${INTEREST_LIMITS.minLength} characters`)
  .max(INTEREST_LIMITS.maxLength, `must be at most ${INTEREST_LIMITS.maxLength} characters`);
const list = z.array(entry).max(INTEREST_LIMITS.maxItems, `at most ${INTEREST_LIMITS.maxItems} entries`).default([]);

/** What a reader follows and mutes (the preferences page). Matching is case-insensitive. */
export const readerInterestsSchema = z.object({
  /** Keywords or phrases to follow. */
  keywords: list,
  authors: list,
  organizations: list,
  /** Keywords or phrases whose papers never appear. */
  mutes: list,
});
export type ReaderInterests = z.infer<typeof readerInterestsSchema>;

export const NO_INTERESTS: ReaderInterests = Object.freeze({ keywords: [], authors: [], organizations: [], mutes: [] });

/** Everything that personalises one reader's digest. */
export interface ReaderState {
  votes: ReaderVote[];
  interests: ReaderInterests;
}

/** True when the reader has given no signal at all: their digest is the profile's (today's behaviour). */
export function isColdStart(reader: ReaderState | undefined): boolean {
  if (!reader) return true;
  const i = reader.interests;
  return (
    reader.votes.length === 0 && i.keywords.length + i.authors.length + i.organizations.length + i.mutes.length === 0
  );
}
