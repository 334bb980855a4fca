import type { RedisClient } from '../shared/redis.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import type { Paper } from '../papers/index.ts';
import { withTerms } from './model.ts';
import {
  NO_INTERESTS,
  readerInterestsSchema,
  readerVoteSchema,
  type ReaderInterests,
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
  };
}

/**
 * A reader's votes and interests in Redis, next to the subscriber record. A vote is keyed by paper, so voting
 * twice on one paper keeps one vote (the latest); recording is idempotent.
 */
export class ReaderStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly ks: Keyspace,
  ) {}

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
    await this.redis.hset(key, checked.paperId, JSON.stringify(checked));
    await this.trim(key);
    return true;
  }

  /** Removes the reader's vote on a paper (undo). True when there was one. */
  async removeVote(subscriberId: string, paperId: string): Promise<boolean> {
    return (await this.redis.hdel(readerKeys(this.ks, subscriberId).votes, paperId)) === 1;
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

  /** Many readers' signals in one round trip (send time). */
  async getMany(subscriberIds: readonly string[]): Promise<Map<string, ReaderState>> {
    const pipeline = this.redis.pipeline();
    for (const id of subscriberIds) {
      const keys = readerKeys(this.ks, id);
      pipeline.hgetall(keys.votes);
      pipeline.get(keys.interests);
    }
    const results = (await pipeline.exec()) ?? [];
    const out = new Map<string, ReaderState>();
    subscriberIds.forEach((id, i) => {
      const [votesError, votes] = results[2 * i] ?? [null, {}];
      const [interestsError, interests] = results[2 * i + 1] ?? [null, null];
      if (votesError) throw votesError;
      if (interestsError) throw interestsError;
      out.set(id, {
        votes: parseVotes((votes ?? {}) as Record<string, string>),
        interests: typeof interests === 'string' ? readerInterestsSchema.parse(JSON.parse(interests)) : NO_INTERESTS,
      });
    });
    return out;
  }

  /** Deletes every signal of the reader. */
  async erase(subscriberId: string): Promise<void> {
    const keys = readerKeys(this.ks, subscriberId);
    await this.redis.del(keys.votes, keys.interests);
  }

  private async trim(key: string): Promise<void> {
    if ((await this.redis.hlen(key)) <= MAX_VOTES) return;
    const votes = parseVotes(await this.redis.hgetall(key));
    const excess = votes.slice(0, votes.length - MAX_VOTES).map((v) => v.paperId);
    if (excess.length > 0) await this.redis.hdel(key, ...excess);
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
