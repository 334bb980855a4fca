import type { RedisClient } from '../shared/redis.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { TransientError } from '../shared/errors.ts';
import type { Paper } from '../papers/index.ts';
import { withTerms } from './model.ts';
import { buildProfile } from './profile.ts';
import {
  NO_INTERESTS,
  readerInterestsSchema,
  readerProfileSchema,
  readerVoteSchema,
  type ReaderInterests,
  type ReaderProfile,
  type ReaderState,
  type ReaderVote,
} from './types.ts';

/** The most votes kept per reader; the oldest go first. */
export const MAX_VOTES = 200;

/** The keys of one reader's signals; erased with the subscriber. */
export function readerKeys(ks: Keyspace, subscriberId: string) {
  return {
    /** Hash: paper id -> vote JSON. */
    votes: ks.key('sub', subscriberId, 'votes'),
    /** String: interests JSON. */
    interests: ks.key('sub', subscriberId, 'interests'),
    /**
     * Hash: the votes summed for the model (profile.ts). `data`: the profile JSON; `seq`: changes made to the votes;
     * `gen`: the change the profile reflects.
     */
    profile: ks.key('sub', subscriberId, 'profile'),
  };
}

/**
 * Writes a profile unless one from a later snapshot of the votes is already there. KEYS: profile. ARGV: the change
 * number the profile was built at, the profile JSON. Two votes recorded at once each rebuild the profile; whichever
 * read the votes later wins, whatever order the writes arrive in.
 */
const SET_PROFILE = `
local gen = tonumber(redis.call('HGET', KEYS[1], 'gen') or '-1')
if tonumber(ARGV[1]) <= gen then return 0 end
redis.call('HSET', KEYS[1], 'gen', ARGV[1], 'data', ARGV[2])
return 1`;

/**
 * A reader's votes and interests in Redis, next to the subscriber record, and the profile summed from the votes
 * (what a digest reads). A vote is keyed by paper, so voting twice on one paper keeps one vote (the latest);
 * recording is idempotent. Every change to the votes counts itself in the profile's `seq` in the same MULTI and
 * then rebuilds the profile from an atomic snapshot, written by compare-and-set (a script, as WATCH is per
 * connection and the client is shared).
 */
export class ReaderStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly ks: Keyspace,
  ) {
    const r = redis as RedisClient & Record<string, unknown>;
    if (typeof r.paperboySetProfile !== 'function') {
      redis.defineCommand('paperboySetProfile', { numberOfKeys: 1, lua: SET_PROFILE });
    }
  }

  /**
   * Records (or replaces) the reader's vote on a paper. True when something changed. `paper` is the voted paper as
   * stored in its edition: its top terms are stored with the vote (the relevance model learns from them, and
   * removing the vote removes them).
   */
  async recordVote(subscriberId: string, vote: ReaderVote, paper: Paper): Promise<boolean> {
    const checked = readerVoteSchema.parse(withTerms(vote, paper));
    const key = readerKeys(this.ks, subscriberId).votes;
    const previous = await this.redis.hget(key, checked.paperId);
    if (previous !== null) {
      const old = readerVoteSchema.safeParse(JSON.parse(previous));
      if (old.success && old.data.vote === checked.vote) return false;
    }
    const profile = readerKeys(this.ks, subscriberId).profile;
    checkAll(
      await this.redis.multi().hset(key, checked.paperId, JSON.stringify(checked)).hincrby(profile, 'seq', 1).exec(),
    );
    await this.trim(key, profile);
    await this.refreshProfile(subscriberId);
    return true;
  }

  /** Removes the reader's vote on a paper (undo). True when there was one. */
  async removeVote(subscriberId: string, paperId: string): Promise<boolean> {
    const keys = readerKeys(this.ks, subscriberId);
    const [removed] = checkAll(
      await this.redis.multi().hdel(keys.votes, paperId).hincrby(keys.profile, 'seq', 1).exec(),
    );
    if (removed !== 1) return false;
    await this.refreshProfile(subscriberId);
    return true;
  }

  /** The stored profile, or undefined when there is none (or it is unreadable: the votes are the truth). */
  async profile(subscriberId: string): Promise<ReaderProfile | undefined> {
    return parseProfile(await this.redis.hget(readerKeys(this.ks, subscriberId).profile, 'data'));
  }

  /** Rebuilds the profile from the votes as they are now (after a change, or for votes stored before profiles). */
  async refreshProfile(subscriberId: string): Promise<ReaderProfile> {
    const keys = readerKeys(this.ks, subscriberId);
    const [seq, hash] = checkAll(await this.redis.multi().hget(keys.profile, 'seq').hgetall(keys.votes).exec());
    const profile = buildProfile(parseVotes((hash ?? {}) as Record<string, string>));
    const setProfile = (this.redis as RedisClient & Record<string, unknown>).paperboySetProfile as (
      ...args: string[]
    ) => Promise<number>;
    await setProfile.call(this.redis, keys.profile, String(Number(seq ?? 0)), JSON.stringify(profile));
    return profile;
  }

  async votes(subscriberId: string): Promise<ReaderVote[]> {
    return parseVotes(await this.redis.hgetall(readerKeys(this.ks, subscriberId).votes));
  }

  async interests(subscriberId: string): Promise<ReaderInterests> {
    const raw = await this.redis.get(readerKeys(this.ks, subscriberId).interests);
    return raw === null ? NO_INTERESTS : readerInterestsSchema.parse(JSON.parse(raw));
  }

  /** Saves validated interests (throws a ZodError naming the field otherwise). */
  async saveInterests(subscriberId: string, interests: ReaderInterests): Promise<ReaderInterests> {
    const checked = readerInterestsSchema.parse(interests);
    await this.redis.set(readerKeys(this.ks, subscriberId).interests, JSON.stringify(checked));
    return checked;
  }

  /** One reader's signals (for export and the preferences page). */
  async get(subscriberId: string): Promise<ReaderState> {
    const [votes, interests] = await Promise.all([this.votes(subscriberId), this.interests(subscriberId)]);
    return { votes, interests };
  }

  /** Many readers' signals in one round trip, with their votes (export; a digest needs only `digestStates`). */
  async getMany(subscriberIds: readonly string[]): Promise<Map<string, ReaderState>> {
    const pipeline = this.redis.pipeline();
    for (const id of subscriberIds) {
      const keys = readerKeys(this.ks, id);
      pipeline.hgetall(keys.votes);
      pipeline.get(keys.interests);
      pipeline.hget(keys.profile, 'data');
    }
    const results = (await pipeline.exec()) ?? [];
    const out = new Map<string, ReaderState>();
    subscriberIds.forEach((id, i) => {
      const [votes, interests, profile] = [0, 1, 2].map((j) => resultOf(results[3 * i + j]));
      const parsed = parseProfile(profile);
      out.set(id, {
        votes: parseVotes((votes ?? {}) as Record<string, string>),
        interests: parseInterests(interests),
        ...(parsed ? { profile: parsed } : {}),
      });
    });
    return out;
  }

  /**
   * What `personalDigest` needs for many readers in one round trip: interests and profile, not the votes (a few KB
   * per reader instead of up to MAX_VOTES records). A reader with votes but no profile (stored before profiles
   * existed) gets one built now.
   */
  async digestStates(subscriberIds: readonly string[]): Promise<Map<string, ReaderState>> {
    const pipeline = this.redis.pipeline();
    for (const id of subscriberIds) {
      const keys = readerKeys(this.ks, id);
      pipeline.get(keys.interests);
      pipeline.hget(keys.profile, 'data');
      pipeline.hlen(keys.votes);
    }
    const results = (await pipeline.exec()) ?? [];
    const out = new Map<string, ReaderState>();
    for (const [i, id] of subscriberIds.entries()) {
      const [interests, profile, votes] = [0, 1, 2].map((j) => resultOf(results[3 * i + j]));
      let parsed = parseProfile(profile);
      if (!parsed && Number(votes) > 0) parsed = await this.refreshProfile(id);
      out.set(id, { votes: [], interests: parseInterests(interests), ...(parsed ? { profile: parsed } : {}) });
    }
    return out;
  }

  /** Deletes every signal of the reader. */
  async erase(subscriberId: string): Promise<void> {
    const keys = readerKeys(this.ks, subscriberId);
    await this.redis.del(keys.votes, keys.interests, keys.profile);
  }

  private async trim(key: string, profile: string): Promise<void> {
    if ((await this.redis.hlen(key)) <= MAX_VOTES) return;
    const votes = parseVotes(await this.redis.hgetall(key));
    const excess = votes.slice(0, votes.length - MAX_VOTES).map((v) => v.paperId);
    if (excess.length > 0)
      checkAll(
        await this.redis
          .multi()
          .hdel(key, ...excess)
          .hincrby(profile, 'seq', 1)
          .exec(),
      );
  }
}

/** The values of a MULTI's (or pipeline's) results; the first error thrown. */
function checkAll(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new TransientError('Redis discarded a MULTI of reader-store commands', 'redis_multi');
  return results.map(resultOf);
}

/** A pipeline result's value; its error thrown. */
function resultOf(result: [Error | null, unknown] | undefined): unknown {
  const [error, value] = result ?? [null, null];
  if (error) throw error;
  return value;
}

function parseInterests(raw: unknown): ReaderInterests {
  return typeof raw === 'string' ? readerInterestsSchema.parse(JSON.parse(raw)) : NO_INTERESTS;
}

/** The stored profile; an absent or unreadable one is undefined (a digest then builds it from the votes). */
function parseProfile(raw: unknown): ReaderProfile | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed = readerProfileSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Votes oldest first; an unreadable entry is dropped rather than failing the reader's digest. */
function parseVotes(hash: Record<string, string>): ReaderVote[] {
  const votes: ReaderVote[] = [];
  for (const raw of Object.values(hash)) {
    try {
      const parsed = readerVoteSchema.safeParse(JSON.parse(raw));
      if (parsed.success) votes.push(parsed.data);
    } catch {
      // skipped: not JSON
    }
  }
  return votes.sort((a, b) => a.at.localeCompare(b.at) || a.paperId.localeCompare(b.paperId));
}
