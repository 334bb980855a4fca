import type { RedisClient } from '../shared/redis.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { TransientError } from '../shared/errors.ts';
import type { Paper } from '../papers/index.ts';
import { subscriberKeys } from '../subscribers/index.ts';
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

// Every write below happens only while the subscriber's record exists (KEYS[1] of each script): an erasure deletes
// the record last and then the signals once more, so a vote or a send in flight cannot bring back what was erased.

/**
 * Writes a profile unless one from a later snapshot of the votes is already there. KEYS: record, profile. ARGV: the
 * change number the profile was built at, the profile JSON. Two votes recorded at once each rebuild the profile;
 * whichever read the votes later wins, whatever order the writes arrive in (the same snapshot gives the same
 * profile, so an equal number rewrites it: that repairs an unreadable one).
 */
const SET_PROFILE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local gen = tonumber(redis.call('HGET', KEYS[2], 'gen') or '-1')
if tonumber(ARGV[1]) < gen then return 0 end
redis.call('HSET', KEYS[2], 'gen', ARGV[1], 'data', ARGV[2])
return 1`;

/**
 * Changes the votes and counts the change in the profile's `seq`. KEYS: record, votes, profile. ARGV: 'set' and
 * field/value pairs, or 'del' and fields. Returns how many votes changed (-1: no such subscriber).
 */
const CHANGE_VOTES = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local n
if ARGV[1] == 'set' then
  for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
  n = (#ARGV - 1) / 2
else
  n = redis.call('HDEL', KEYS[2], unpack(ARGV, 2))
end
if n > 0 then redis.call('HINCRBY', KEYS[3], 'seq', 1) end
return n`;

/** Saves the interests JSON. KEYS: record, interests. ARGV: the JSON. */
const SET_INTERESTS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[1])
return 1`;

/**
 * A reader's votes and interests in Redis, next to the subscriber record, and the profile summed from the votes
 * (what a digest reads). A vote is keyed by paper, so voting twice on one paper keeps one vote (the latest);
 * recording is idempotent. Every change to the votes counts itself in the profile's `seq` in the same script and
 * then rebuilds the profile from an atomic snapshot, written by compare-and-set (a script, as WATCH is per
 * connection and the client is shared). Nothing is written for a subscriber whose record is gone.
 */
export class ReaderStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly ks: Keyspace,
  ) {}

  private record(subscriberId: string): string {
    return subscriberKeys(this.ks).record(subscriberId);
  }

  /** Runs CHANGE_VOTES: how many votes changed, -1 when the subscriber is gone. */
  private async changeVotes(subscriberId: string, args: string[]): Promise<number> {
    const keys = readerKeys(this.ks, subscriberId);
    const changed = await this.redis.eval(
      CHANGE_VOTES,
      3,
      this.record(subscriberId),
      keys.votes,
      keys.profile,
      ...args,
    );
    return Number(changed);
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
    if ((await this.changeVotes(subscriberId, ['set', checked.paperId, JSON.stringify(checked)])) < 0) return false;
    await this.trim(subscriberId);
    await this.refreshProfile(subscriberId);
    return true;
  }

  /** Removes the reader's vote on a paper (undo). True when there was one. */
  async removeVote(subscriberId: string, paperId: string): Promise<boolean> {
    if ((await this.changeVotes(subscriberId, ['del', paperId])) !== 1) return false;
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
    const gen = String(Number(seq ?? 0));
    await this.redis.eval(SET_PROFILE, 2, this.record(subscriberId), keys.profile, gen, JSON.stringify(profile));
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
    const key = readerKeys(this.ks, subscriberId).interests;
    await this.redis.eval(SET_INTERESTS, 2, this.record(subscriberId), key, JSON.stringify(checked));
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
   * per reader instead of up to MAX_VOTES records). A profile older than the votes (its rebuild failed after a
   * change), unreadable, or missing (votes stored before profiles existed) is rebuilt now.
   */
  async digestStates(subscriberIds: readonly string[]): Promise<Map<string, ReaderState>> {
    const pipeline = this.redis.pipeline();
    for (const id of subscriberIds) {
      const keys = readerKeys(this.ks, id);
      pipeline.get(keys.interests);
      pipeline.hmget(keys.profile, 'data', 'gen', 'seq');
      pipeline.hlen(keys.votes);
    }
    const results = (await pipeline.exec()) ?? [];
    const out = new Map<string, ReaderState>();
    for (const [i, id] of subscriberIds.entries()) {
      const [interests, profile, votes] = [0, 1, 2].map((j) => resultOf(results[3 * i + j]));
      const [data, gen, seq] = (profile ?? []) as (string | null)[];
      let parsed = parseProfile(data);
      const stale = Number(gen ?? -1) < Number(seq ?? 0);
      if ((!parsed && Number(votes) > 0) || (parsed && stale)) parsed = await this.refreshProfile(id);
      out.set(id, { votes: [], interests: parseInterests(interests), ...(parsed ? { profile: parsed } : {}) });
    }
    return out;
  }

  /** Deletes every signal of the reader. */
  async erase(subscriberId: string): Promise<void> {
    const keys = readerKeys(this.ks, subscriberId);
    await this.redis.del(keys.votes, keys.interests, keys.profile);
  }

  private async trim(subscriberId: string): Promise<void> {
    const key = readerKeys(this.ks, subscriberId).votes;
    if ((await this.redis.hlen(key)) <= MAX_VOTES) return;
    const votes = parseVotes(await this.redis.hgetall(key));
    const excess = votes.slice(0, votes.length - MAX_VOTES).map((v) => v.paperId);
    if (excess.length > 0) await this.changeVotes(subscriberId, ['del', ...excess]);
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
