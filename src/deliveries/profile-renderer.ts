import type { RedisClient } from '../shared/redis.ts';
import { composeDigest, DIGEST_BUDGET_BYTES, fitDigest, type Digest } from '../digest/index.ts';
import { loadEdition } from '../editions/index.ts';
import { renderDigest, type RenderedEmail, type TemplateEngine } from '../render/index.ts';
import { PermanentError } from '../shared/errors.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { preferencesSchema } from '../subscribers/index.ts';
import type { Edition } from '../themes/index.ts';
import { profilesKey } from './plan-edition.ts';

export interface RenderedProfile {
  edition: Edition;
  email: RenderedEmail;
}

/**
 * Renders each (edition, profile) once per process and keeps it: every recipient of the profile is then a cheap
 * substitution. Rendering is deterministic, so every worker renders the same bytes and retries send the same payload.
 */
export class ProfileRenderer {
  private readonly cache = new Map<string, Promise<RenderedProfile>>();
  /** One read of each edition per process, shared by all of its profiles. */
  private readonly editions = new Map<string, Promise<Edition | null>>();

  constructor(
    private readonly redis: RedisClient,
    private readonly ks: Keyspace,
    private readonly engine: TemplateEngine,
    private readonly context: { postalAddress: string; publicBaseUrl: string },
    private readonly maxEntries = 500,
  ) {}

  get(date: string, profileKey: string): Promise<RenderedProfile> {
    const key = `${date}|${profileKey}`;
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.render(date, profileKey);
      entry.catch(() => this.cache.delete(key));
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, entry);
    }
    return entry;
  }

  private async render(date: string, profileKey: string): Promise<RenderedProfile> {
    let pending = this.editions.get(date);
    if (!pending) {
      pending = loadEdition(this.redis, this.ks, date);
      pending.catch(() => this.editions.delete(date));
      if (this.editions.size >= 8) this.editions.delete(this.editions.keys().next().value as string);
      this.editions.set(date, pending);
    }
    const edition = await pending;
    if (!edition) this.editions.delete(date);
    if (!edition) throw new PermanentError(`edition ${date} is not stored; build it first`, 'edition_missing');
    const raw = await this.redis.hget(profilesKey(this.ks, date), profileKey);
    if (raw === null) throw new PermanentError(`profile ${profileKey} of ${date} was never planned`, 'profile_missing');
    const prefs = preferencesSchema.parse(JSON.parse(raw));
    const composed = composeDigest(edition, prefs, { skipEmpty: false });
    if (composed.kind === 'skip')
      throw new PermanentError(`profile ${profileKey} has nothing to send`, 'profile_empty');
    // The size guard: a digest over budget trims itself ("N more papers online") rather than be clipped by Gmail.
    const rendered = new Map<Digest, RenderedEmail>();
    const measure = async (digest: Digest) => {
      const email = await renderDigest(digest, this.context, this.engine);
      rendered.set(digest, email);
      return Buffer.byteLength(email.html, 'utf8');
    };
    const { digest } = await fitDigest(composed.digest, measure, DIGEST_BUDGET_BYTES);
    const email = rendered.get(digest) ?? (await renderDigest(digest, this.context, this.engine));
    return { edition, email };
  }
}
