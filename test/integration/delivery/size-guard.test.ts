import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_BUDGET_BYTES } from '../../../src/digest/index.ts';
import { ProfileRenderer, profilesKey } from '../../../src/deliveries/index.ts';
import { saveEdition } from '../../../src/editions/index.ts';
import type { Edition } from '../../../src/themes/index.ts';
import { sampleEdition } from '../../../templates/preview-data.ts';
import { longPaper } from '../../unit/render/digest-fixture.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

const context = { postalAddress: 'Paperboy, 1 Test Lane', publicBaseUrl: 'https://paperboy.test' };

/** The sample edition with every field as long as real data gets: 30 papers, too heavy for one email at 20 a topic. */
function heavyEdition(): Edition {
  const e = sampleEdition();
  return {
    ...e,
    sections: e.sections.map((s) => ({ ...s, papers: s.papers.map(longPaper) })),
    other: e.other.map(longPaper),
  };
}

describe('the send path keeps a heavy digest under the clip (ProfileRenderer)', () => {
  let t: TestRedis;
  beforeAll(async () => {
    t = await openTestRedis('size-guard');
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it.each(['react', 'mjml'] as const)('%s: trims it and links the rest online', async (engine) => {
    const edition = heavyEdition();
    await saveEdition(t.redis, t.keyspace, edition);
    const prefs = {
      topics: ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'],
      perTopic: 20,
      alsoTrending: true,
    };
    await t.redis.hset(profilesKey(t.keyspace, edition.date), 'heavy', JSON.stringify(prefs));
    const { email } = await new ProfileRenderer(t.redis, t.keyspace, engine, context).get(edition.date, 'heavy');
    const bytes = Buffer.byteLength(email.html, 'utf8');
    expect(bytes).toBeLessThanOrEqual(DIGEST_BUDGET_BYTES);
    const more = /(\d+) more papers? online/.exec(email.html);
    expect(more).not.toBeNull();
    expect(Number(more![1])).toBeGreaterThan(0);
    expect(email.html).toContain(`href="https://paperboy.test/editions/${edition.date}"`);
    expect(email.text).toContain(`${more![1]} more papers online: https://paperboy.test/editions/${edition.date}`);
  });
});
