import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { profilesKey, ReaderAssembler, readerLinks, readerOrdersKey } from '../../../src/deliveries/index.ts';
import { saveEdition } from '../../../src/editions/index.ts';
import { loadSampleDay } from '../../../src/papers/index.ts';
import { buildEdition } from '../../../src/themes/index.ts';
import { NO_INTERESTS, ReaderStore } from '../../../src/relevance/index.ts';
import { joinSpliced } from '../../../src/render/index.ts';
import { createLinkBuilder, SubscriberStore } from '../../../src/subscribers/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

const context = { postalAddress: 'Paperboy, 1 Test Lane', publicBaseUrl: 'https://paperboy.test' };
const PROFILE = 'vrl-robotics';
const prefs = {
  topics: ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'],
  perTopic: 5,
  alsoTrending: false,
};

/** The paper titles of an email's HTML, in reading order. */
const titles = (html: string) => [...html.matchAll(/<h3[^>]*><a[^>]*>([^<]+)<\/a><\/h3>/g)].map((m) => m[1]!);
/** The why lines (the muted line between byline and summary) of an email's HTML. */
const whyLines = (html: string) =>
  [...html.matchAll(/<p class="pb-muted" style="[^"]*font-style:italic[^"]*">([^<]+)<\/p>/g)].map((m) => m[1]!);

describe.each(['react', 'mjml'] as const)('a reader who voted gets their own order (%s)', (engine) => {
  let t: TestRedis;
  beforeAll(async () => {
    t = await openTestRedis(`personal-order-${engine}`);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('differs from a fresh reader with the same topics, says why for each paper, and is fixed at the first claim', async () => {
    // The bundled sample day in two halves: yesterday's edition is what the reader voted on, today's what they are
    // sent (classified and ranked as the pipeline does).
    const day = loadSampleDay();
    const yesterday = buildEdition(
      '2025-11-23',
      day.papers.filter((_, i) => i % 2 === 1),
    );
    const today = buildEdition(
      day.date,
      day.papers.filter((_, i) => i % 2 === 0),
    );
    await saveEdition(t.redis, t.keyspace, today);
    await t.redis.hset(profilesKey(t.keyspace, today.date), PROFILE, JSON.stringify(prefs));
    const readers = new ReaderStore(t.redis, t.keyspace);
    const subscribers = new SubscriberStore(t.redis, t.keyspace);
    const [VOTER, FRESH, ERASED] = (await Promise.all(
      ['voter', 'fresh', 'erased'].map(async (name) => {
        const added = await subscribers.add(`${name}@paperboy.test`, prefs, { confirmed: true });
        return added.subscriber.id;
      }),
    )) as [string, string, string];
    // Liked yesterday's robotics papers, disliked its visual RL one, follows an author.
    const robotics = yesterday.sections.find((s) => s.id === 'robotics')!.papers;
    const visual = yesterday.sections.find((s) => s.id === 'visual-rl')!.papers;
    expect(robotics.length).toBeGreaterThanOrEqual(2);
    const at = '2025-11-23T08:00:00.000Z';
    for (const ep of robotics)
      await readers.recordVote(
        VOTER,
        { paperId: ep.paper.id, date: yesterday.date, vote: 'more', title: ep.paper.title, at },
        ep.paper,
      );
    const disliked = visual[0]!.paper;
    await readers.recordVote(
      VOTER,
      { paperId: disliked.id, date: yesterday.date, vote: 'less', title: disliked.title, at },
      disliked,
    );
    const followed = today.sections.find((s) => s.id === 'robotics')!.papers.at(-1)!.paper.authors[0]!;
    await readers.saveInterests(VOTER, { ...NO_INTERESTS, authors: [followed] });

    const config = loadConfig({
      LINK_SECRETS: 'personal-order-test-secret-0123456789',
      PUBLIC_BASE_URL: 'https://paperboy.test',
    });
    const builder = createLinkBuilder(config, { now: () => new Date('2025-11-24T06:00:00Z') });
    const links = new Map([VOTER, FRESH].map((id) => [id, readerLinks(builder, id, today.date)]));
    const assembler = new ReaderAssembler(t.redis, t.keyspace, readers, engine, context, 3600);
    const orders = await assembler.orders(today.date, PROFILE, [VOTER, FRESH], (id) => links.get(id)!);
    const email = async (id: string) =>
      assembler.assemble(today.date, PROFILE, orders.get(id)!, links.get(id)!).then((e) => joinSpliced(e.html));
    const [voter, fresh] = [await email(VOTER), await email(FRESH)];

    // The fresh reader gets today's popularity order, no "For you" and no why lines; the voter their own.
    expect(fresh).not.toContain('>For you</h2>');
    expect(whyLines(fresh)).toEqual([]);
    expect(voter).toContain('>For you</h2>');
    expect(titles(voter)).not.toEqual(titles(fresh));
    // "For you" opens the email with what they liked: today's robotics papers.
    const todaysRobotics = today.sections.find((s) => s.id === 'robotics')!.papers.map((ep) => ep.paper.title);
    expect(todaysRobotics).toContain(titles(voter)[0]);
    expect(todaysRobotics).not.toContain(titles(fresh)[0]);
    // Every paper says why it is there: a follow, a liked paper it resembles, the theme's matched terms, or its
    // popularity.
    const why = whyLines(voter);
    expect(why).toHaveLength(titles(voter).length);
    for (const line of why)
      expect(line).toMatch(
        /^(You follow: |Like &quot;.+&quot;, which you liked$|(Visual RL|Image &amp; video generation|VLM reasoning|Robotics): |Trending: \d+ upvotes?$)/,
      );
    expect(why).toContain(`You follow: ${followed}`);
    // Each paper carries the reader's own feedback links.
    expect(voter.match(/>More like this</g)).toHaveLength(titles(voter).length);

    // Votes after the first claim do not change what a retry sends: the order is stored, the bytes the same.
    for (const ep of visual)
      await readers.recordVote(
        VOTER,
        { paperId: ep.paper.id, date: yesterday.date, vote: 'more', title: ep.paper.title, at },
        ep.paper,
      );
    const again = await new ReaderAssembler(t.redis, t.keyspace, readers, engine, context, 3600).orders(
      today.date,
      PROFILE,
      [VOTER],
      (id) => links.get(id)!,
    );
    expect(again.get(VOTER)!.order).toEqual(orders.get(VOTER)!.order);
    expect(again.get(VOTER)!.email).toBeUndefined();
    expect(
      await assembler
        .assemble(today.date, PROFILE, again.get(VOTER)!, links.get(VOTER)!)
        .then((e) => joinSpliced(e.html)),
    ).toBe(voter);
    expect(await t.redis.ttl(readerOrdersKey(t.keyspace, today.date))).toBeGreaterThan(0);

    // A reader erased while their batch is prepared gets no stored order (it could name what they follow), and
    // nothing is sent to them.
    await readers.saveInterests(ERASED, { ...NO_INTERESTS, authors: [followed] });
    await subscribers.erase(ERASED);
    const gone = await assembler.orders(today.date, PROFILE, [ERASED], (id) => readerLinks(builder, id, today.date));
    expect(gone.get(ERASED)!.order.x).toMatch(/^erased/);
    expect(await t.redis.hexists(readerOrdersKey(t.keyspace, today.date), ERASED)).toBe(0);

    // Another process stores a reader's order while this one builds its own: the order stored first is the one sent.
    const RACER = (await subscribers.add('racer@paperboy.test', prefs, { confirmed: true })).subscriber.id;
    const ordersKey = readerOrdersKey(t.keyspace, today.date);
    const theirs = (await t.redis.hget(ordersKey, VOTER))!;
    const racing = Object.create(readers) as ReaderStore;
    racing.digestStates = async (ids) => {
      await t.redis.hset(ordersKey, RACER, theirs);
      return readers.digestStates(ids);
    };
    const raced = await new ReaderAssembler(t.redis, t.keyspace, racing, engine, context, 3600).orders(
      today.date,
      PROFILE,
      [RACER],
      (id) => readerLinks(builder, id, today.date),
    );
    expect(raced.get(RACER)!.order).toEqual(orders.get(VOTER)!.order);
    expect(raced.get(RACER)!.email).toBeUndefined();
    expect(await t.redis.hget(ordersKey, RACER)).toBe(theirs);
  });
});
