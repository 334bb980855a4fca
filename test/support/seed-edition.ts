import type { RedisClient } from '../../src/shared/redis.ts';
import { loadSampleDay, saveDay } from '../../src/papers/index.ts';
import type { Keyspace } from '../../src/shared/keyspace.ts';
import { NO_INTERESTS, ReaderStore } from '../../src/relevance/index.ts';
import { SubscriberStore } from '../../src/subscribers/index.ts';

const TOPIC_SETS = [
  ['visual-rl'],
  ['image-generation'],
  ['vlm-reasoning', 'robotics'],
  ['robotics'],
  ['image-generation', 'vlm-reasoning'],
];

export interface SeedOptions {
  /**
   * Give two readers in three their own signals (a few votes on the day's papers, and a followed keyword), so
   * their digests are personal: a different order, "For you" and why lines.
   */
  personal?: boolean;
}

/** Stores the bundled sample day (so no papers API is needed) and adds `count` active subscribers. */
export async function seedEdition(
  redis: RedisClient,
  ks: Keyspace,
  count: number,
  domain = 'paperboy.test',
  options: SeedOptions = {},
): Promise<{ date: string; emails: string[] }> {
  const day = loadSampleDay();
  await saveDay(redis, ks, day);
  const store = new SubscriberStore(redis, ks);
  const readers = new ReaderStore(redis, ks);
  const at = new Date(`${day.date}T06:00:00Z`).toISOString();
  const personalise = async (subscriberId: string, n: number) => {
    if (!options.personal || n % 3 === 0) return;
    for (let k = 0; k < 4; k++) {
      const paper = day.papers[(n * 7 + k * 5) % day.papers.length]!;
      const vote = k === 3 ? 'less' : 'more';
      await readers.recordVote(
        subscriberId,
        { paperId: paper.id, date: day.date, vote, title: paper.title, at },
        paper,
      );
    }
    if (n % 2 === 1) await readers.saveInterests(subscriberId, { ...NO_INTERESTS, keywords: ['diffusion'] });
  };
  const emails: string[] = [];
  for (let i = 0; i < count; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, async (_, j) => {
        const n = i + j;
        const email = `reader${n}@${domain}`;
        emails.push(email);
        const { subscriber } = await store.add(
          email,
          { topics: TOPIC_SETS[n % TOPIC_SETS.length] ?? ['robotics'], perTopic: 5, alsoTrending: n % 2 === 0 },
          { confirmed: true },
        );
        await personalise(subscriber.id, n);
      }),
    );
  }
  return { date: day.date, emails };
}
