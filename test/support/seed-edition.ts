import type { RedisClient } from '../../src/shared/redis.ts';
import { loadSampleDay, saveDay } from '../../src/papers/index.ts';
import type { Keyspace } from '../../src/shared/keyspace.ts';
import { SubscriberStore } from '../../src/subscribers/index.ts';

const TOPIC_SETS = [
  ['visual-rl'],
  ['image-generation'],
  ['vlm-reasoning', 'robotics'],
  ['robotics'],
  ['image-generation', 'vlm-reasoning'],
];

/** Stores the bundled sample day (so no papers API is needed) and adds `count` active subscribers. */
export async function seedEdition(
  redis: RedisClient,
  ks: Keyspace,
  count: number,
  domain = 'paperboy.test',
): Promise<{ date: string; emails: string[] }> {
  const day = loadSampleDay();
  await saveDay(redis, ks, day);
  const store = new SubscriberStore(redis, ks);
  const emails: string[] = [];
  for (let i = 0; i < count; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, async (_, j) => {
        const n = i + j;
        const email = `reader${n}@${domain}`;
        emails.push(email);
        await store.add(
          email,
          { topics: TOPIC_SETS[n % TOPIC_SETS.length] ?? ['robotics'], perTopic: 5, alsoTrending: n % 2 === 0 },
          { confirmed: true },
        );
      }),
    );
  }
  return { date: day.date, emails };
}
