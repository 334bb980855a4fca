import { z } from 'zod';
import { isEditionId } from '../shared/dates.ts';
import { SHORT_TITLE_LENGTH } from './lines.ts';
import { MAX_TERM_LENGTH } from './terms.ts';
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

/** Liked terms a profile keeps: those in the most liked papers (more hardly changes a digest; see the README). */
export const PROFILE_TERMS = 200;

/** Terms of disliked papers only that a profile keeps: those in the most disliked papers. */
export const PROFILE_DISLIKED_TERMS = 100;

/** The most bytes of the encoded terms: each term + "=" + up to three counts of <= 3 digits + separators. */
export const MAX_PROFILE_TERM_BYTES = (PROFILE_TERMS + PROFILE_DISLIKED_TERMS) * (MAX_TERM_LENGTH + 13);

/**
 * The profile as stored, built by `buildProfile` (profile.ts). `terms` is "term=r,d,o;..." for the terms of liked
 * papers (r liked and d disliked papers have the term, o is the index in `liked` of the latest liked paper with it),
 * then "term=0,d;..." for terms only disliked papers have. `liked` holds [paper id, short title] of the liked papers
 * the terms name (at most one per term), for the why lines.
 */
export const readerProfileSchema = z.object({
  likes: z.number().int().min(0),
  dislikes: z.number().int().min(0),
  terms: z.string().max(MAX_PROFILE_TERM_BYTES),
  liked: z.array(z.tuple([z.string().max(64), z.string().max(SHORT_TITLE_LENGTH)])).max(PROFILE_TERMS),
});
export type ReaderProfile = z.infer<typeof readerProfileSchema>;

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
  /** The votes themselves (the preferences page, export); a digest needs them only without `profile`. */
  votes: ReaderVote[];
  interests: ReaderInterests;
  /** The votes summed (stored with them, see profile.ts); when present a digest reads it instead of `votes`. */
  profile?: ReaderProfile;
}

/** True when the reader has given no signal at all: their digest is the profile's (today's behaviour). */
export function isColdStart(reader: ReaderState | undefined): boolean {
  if (!reader) return true;
  const i = reader.interests;
  const profiled = reader.profile ? reader.profile.likes + reader.profile.dislikes : 0;
  return (
    reader.votes.length + profiled === 0 &&
    i.keywords.length + i.authors.length + i.organizations.length + i.mutes.length === 0
  );
}
