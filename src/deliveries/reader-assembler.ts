import { DIGEST_BUDGET_BYTES, fitDigest, type Digest } from '../digest/index.ts';
import { loadEdition } from '../editions/index.ts';
import { personalDigest, type ReaderStore } from '../relevance/index.ts';
import { DigestAssembler, type AssembledDigest, type ReaderLinks, type TemplateEngine } from '../render/index.ts';
import { PermanentError } from '../shared/errors.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import type { RedisClient } from '../shared/redis.ts';
import { preferencesSchema, subscriberKeys, type LinkBuilder, type Preferences } from '../subscribers/index.ts';
import type { Edition, EditionPaper } from '../themes/index.ts';
import { profilesKey } from './plan-edition.ts';
import {
  digestOfOrder,
  editionPapers,
  orderOf,
  readerOrderSchema,
  skipOrder,
  readerOrdersKey,
  type ReaderOrder,
} from './reader-order.ts';

/**
 * Stores each reader's order unless one is stored already (HSETNX), and only while the reader's record exists: an
 * erasure deletes the record, so a send still in flight cannot store the order of someone erased (their why lines
 * may name what they follow). KEYS: the orders hash, then each reader's record. ARGV: ttl, then id and order JSON
 * per reader, in the order of KEYS. Returns per reader: 1 when the stored order is the one given, the stored one
 * when another process stored a different one first, 0 when none is stored (the reader was erased).
 */
const STORE_ORDERS = `
local out = {}
for i = 2, #KEYS do
  local id, order = ARGV[2 * i - 2], ARGV[2 * i - 1]
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('HSETNX', KEYS[1], id, order) end
  local stored = redis.call('HGET', KEYS[1], id)
  if not stored then out[i - 1] = 0 elseif stored == order then out[i - 1] = 1 else out[i - 1] = stored end
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
return out`;

/** What a reader erased while their batch was being prepared is sent: nothing. */
const ERASED = 'erased while the batch was being sent';

/** A reader's stored order, and their email when this process just assembled it from that very order. */
export interface ReaderOrderEntry {
  order: ReaderOrder;
  email?: AssembledDigest | undefined;
}

interface LoadedEdition {
  edition: Edition;
  papers: Map<string, EditionPaper>;
  assembler: DigestAssembler;
}

/** A reader's links for one edition (signed as of the edition's freeze time, so retries carry the same bytes). */
export function readerLinks(links: LinkBuilder, subscriberId: string, date: string): ReaderLinks {
  // Each feedback link is signed once per reader, however many times the size guard assembles their digest.
  const signed = new Map<string, string>();
  const sign = links.feedbackUrls(subscriberId, date);
  return {
    manageUrl: links.manageUrl(subscriberId),
    unsubscribeUrl: links.unsubscribeUrl(subscriberId),
    feedbackUrl: (paperId, vote) => {
      const key = `${vote} ${paperId}`;
      let url = signed.get(key);
      if (url === undefined) {
        url = sign(paperId, vote);
        signed.set(key, url);
      }
      return url;
    },
  };
}

/**
 * Each reader's own digest of an edition, assembled from per-paper blocks in that reader's order (replacing one
 * rendering per preference profile). The order is fixed the first time the reader's batch is claimed and stored
 * with the edition; every later attempt, in any process, builds the same digest from it, so a retry sends the same
 * bytes. Editions, profiles and rendered pieces are kept per process.
 */
export class ReaderAssembler {
  private readonly editions = new Map<string, Promise<LoadedEdition>>();
  private readonly profiles = new Map<string, Promise<Preferences>>();

  constructor(
    private readonly redis: RedisClient,
    private readonly ks: Keyspace,
    private readonly readers: ReaderStore,
    private readonly engine: TemplateEngine,
    private readonly context: { postalAddress: string; publicBaseUrl: string },
    /** How long stored orders live (the ledger's retention: a batch can be retried as long as its ledger lives). */
    private readonly retentionSeconds: number,
    /** SKIP_EMPTY_DIGEST: a reader whose mutes leave no paper is sent nothing (a skip order is stored). */
    private readonly skipEmpty = false,
  ) {}

  /** The edition (frozen once sending starts) and its assembler. */
  edition(date: string): Promise<LoadedEdition> {
    let pending = this.editions.get(date);
    if (!pending) {
      pending = loadEdition(this.redis, this.ks, date).then((edition) => {
        if (!edition) throw new PermanentError(`edition ${date} is not stored; build it first`, 'edition_missing');
        return {
          edition,
          papers: editionPapers(edition),
          assembler: new DigestAssembler(this.engine, this.context),
        };
      });
      pending.catch(() => this.editions.delete(date));
      if (this.editions.size >= 4) this.editions.delete(this.editions.keys().next().value as string);
      this.editions.set(date, pending);
    }
    return pending;
  }

  private profile(date: string, profileKey: string): Promise<Preferences> {
    const key = `${date}|${profileKey}`;
    let pending = this.profiles.get(key);
    if (!pending) {
      pending = this.redis.hget(profilesKey(this.ks, date), profileKey).then((raw) => {
        if (raw === null)
          throw new PermanentError(`profile ${profileKey} of ${date} was never planned`, 'profile_missing');
        return preferencesSchema.parse(JSON.parse(raw));
      });
      pending.catch(() => this.profiles.delete(key));
      if (this.profiles.size >= 1_000) this.profiles.delete(this.profiles.keys().next().value as string);
      this.profiles.set(key, pending);
    }
    return pending;
  }

  /**
   * The orders of these readers (all of one profile) for the edition: the stored ones, and for the others their
   * digest now (votes, follows and mutes as they are), fitted under the size budget and stored unless another
   * process stored one first (HSETNX: the first order stored is the one every attempt uses).
   */
  async orders(
    date: string,
    profileKey: string,
    subscriberIds: readonly string[],
    links: (subscriberId: string) => ReaderLinks,
  ): Promise<Map<string, ReaderOrderEntry>> {
    const key = readerOrdersKey(this.ks, date);
    const orders = new Map<string, ReaderOrderEntry>();
    if (subscriberIds.length === 0) return orders;
    const stored = await this.redis.hmget(key, ...subscriberIds);
    const missing = subscriberIds.filter((_, i) => stored[i] === null);
    subscriberIds.forEach((id, i) => {
      const raw = stored[i];
      if (raw != null) orders.set(id, { order: parseOrder(raw, id, date) });
    });
    if (missing.length === 0) return orders;

    const [{ edition, assembler }, prefs, states] = await Promise.all([
      this.edition(date),
      this.profile(date, profileKey),
      this.readers.digestStates(missing),
    ]);
    const fresh = new Map<string, { order: ReaderOrder; json: string; email: AssembledDigest | undefined }>();
    for (const id of missing) {
      const composed = personalDigest({ edition, prefs, reader: states.get(id), skipEmpty: this.skipEmpty });
      if (composed.kind === 'skip') {
        // Only mutes empty a digest the planner did not skip; the reason says so without naming them.
        const muted = (states.get(id)?.interests.mutes.length ?? 0) > 0;
        const order = skipOrder(`nothing to send: ${muted ? 'their muted keywords leave no paper' : composed.reason}`);
        fresh.set(id, { order, json: JSON.stringify(order), email: undefined });
        continue;
      }
      const own = links(id);
      const assembled = new Map<Digest, AssembledDigest>();
      const measure = async (digest: Digest) => {
        const email = await assembler.assemble(digest, own);
        assembled.set(digest, email);
        return email.htmlBytes;
      };
      const { digest } = await fitDigest(composed.digest, measure, DIGEST_BUDGET_BYTES);
      // The email measured last is the one its stored order assembles to (digestOfOrder gives the same digest).
      const order = orderOf(digest);
      fresh.set(id, { order, json: JSON.stringify(order), email: assembled.get(digest) });
    }
    const records = subscriberKeys(this.ks);
    const outcomes = (await this.redis.eval(
      STORE_ORDERS,
      1 + missing.length,
      key,
      ...missing.map((id) => records.record(id)),
      this.retentionSeconds,
      ...missing.flatMap((id) => [id, fresh.get(id)!.json]),
    )) as (number | string)[];
    missing.forEach((id, i) => {
      const outcome = outcomes[i];
      const mine = fresh.get(id)!;
      // Stored as built here: the very order (and email) this process built is used.
      if (outcome === 1) orders.set(id, { order: mine.order, email: mine.email });
      // Another process stored an order first: every attempt uses that one.
      else if (typeof outcome === 'string') orders.set(id, { order: parseOrder(outcome, id, date) });
      // Not stored: the reader was erased since the batch was claimed.
      else orders.set(id, { order: skipOrder(ERASED) });
    });
    return orders;
  }

  /** A reader's email from their stored order (the one just assembled, when there is one). */
  async assemble(
    date: string,
    profileKey: string,
    entry: ReaderOrderEntry,
    links: ReaderLinks,
  ): Promise<AssembledDigest> {
    if (entry.email) return entry.email;
    const { edition, papers, assembler } = await this.edition(date);
    return assembler.assemble(digestOfOrder(edition, papers, profileKey, entry.order), links);
  }
}

function parseOrder(raw: string, subscriberId: string, date: string): ReaderOrder {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = readerOrderSchema.safeParse(json);
  if (!parsed.success)
    throw new PermanentError(`the stored order of reader ${subscriberId} for ${date} is not valid`, 'order_invalid');
  return parsed.data;
}
