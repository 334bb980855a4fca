import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReaderStore } from '../../../src/relevance/index.ts';
import { createLinkBuilder, type LinkBuilder, type Subscriber } from '../../../src/subscribers/index.ts';
import { storeEdition, syntheticPaper } from '../../support/feedback-edition.ts';
import { FORM, form, pathOf, startWeb, type WebHarness } from './support.ts';

const DATE = '2025-11-24';
const HOSTILE = `<script>alert("x")</script> & 'Robots' <b>bold</b>`;
const PAPERS = [
  syntheticPaper('2511.00001', 'Walking robots that learn from video'),
  syntheticPaper('2511.00002', HOSTILE),
  syntheticPaper('2511.00003', 'A trending paper outside the themes'),
];
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Robots&#39; &lt;b&gt;bold&lt;/b&gt;';

describe('feedback links: GET asks, POST records once, undo takes it back', () => {
  let h: WebHarness;
  let links: LinkBuilder;
  let readers: ReaderStore;
  let reader: Subscriber;

  const get = (url: string, method: 'GET' | 'HEAD' = 'GET') => h.app.inject({ method, url: pathOf(url) });
  const post = (url: string, headers: Record<string, string> = {}) =>
    h.app.inject({ method: 'POST', url: pathOf(url), headers: { ...FORM, ...headers }, payload: '' });
  const undoUrl = (url: string) => url.replace('/feedback?', '/feedback/undo?');

  beforeAll(async () => {
    h = await startWeb('feedback');
    links = createLinkBuilder(h.config);
    readers = new ReaderStore(h.t.redis, h.t.keyspace);
    await storeEdition(h.t.redis, h.t.keyspace, DATE, PAPERS);
  });
  afterAll(() => h?.close());

  beforeEach(async () => {
    reader = (
      await h.store.add(
        `reader-${Math.random().toString(36).slice(2)}@example.org`,
        { topics: ['robotics'], perTopic: 5, alsoTrending: true },
        { confirmed: true },
      )
    ).subscriber;
  });

  it('a GET or HEAD (a mail scanner) records nothing and shows a one-tap form that posts back', async () => {
    const url = links.feedbackUrl(reader.id, { paperId: '2511.00001', date: DATE }, 'more');
    expect((await get(url, 'HEAD')).statusCode).toBe(200);
    const page = await get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>More like this?</h1>');
    expect(page.body).toContain('Walking robots that learn from video');
    expect(page.body).toContain(`<form method="post" action="${pathOf(url)}">`);
    expect(page.body).toContain('Yes, more like this');
    expect(page.body).not.toContain('<script');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).not.toContain('script-src');
    expect(await readers.votes(reader.id)).toEqual([]);
  });

  it('a POST records the vote once; the same POST again changes nothing and says so', async () => {
    const url = links.feedbackUrl(reader.id, { paperId: '2511.00001', date: DATE }, 'more');
    const first = await post(url);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<h1>Recorded</h1>');
    expect(first.body).toContain(`action="${pathOf(undoUrl(url))}"`);
    expect(first.body).toMatch(/href="\/preferences\?token=[A-Za-z0-9._-]+"/);
    const votes = await readers.votes(reader.id);
    expect(votes).toEqual([
      // The relevance model keeps the voted paper's strongest terms with the vote (see Relevance).
      {
        paperId: '2511.00001',
        date: DATE,
        vote: 'more',
        terms: expect.stringMatching(/(^|;)robot(;|$)/) as string,
        title: PAPERS[0]!.title,
        at: expect.any(String),
      },
    ]);

    const second = await post(url);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('<h1>Already recorded</h1>');
    expect(second.body).toContain('Nothing changed.');
    expect(await readers.votes(reader.id)).toEqual(votes);

    // The other link of the same paper changes the vote.
    const less = await post(links.feedbackUrl(reader.id, { paperId: '2511.00001', date: DATE }, 'less'));
    expect(less.body).toContain('Recorded: your vote changed');
    expect((await readers.votes(reader.id)).map((v) => v.vote)).toEqual(['less']);
  });

  it('undo removes only the vote this link gave, and can be redone', async () => {
    const more = links.feedbackUrl(reader.id, { paperId: '2511.00003', date: DATE }, 'more');
    await post(more);
    const undone = await post(undoUrl(more));
    expect(undone.body).toContain('<h1>Undone</h1>');
    expect(await readers.votes(reader.id)).toEqual([]);
    expect((await post(undoUrl(more))).body).toContain('<h1>Nothing to undo</h1>');
    // Redo from the undo page's button, then a later opposite vote survives this link's undo.
    expect(undone.body).toContain(`action="${pathOf(more)}"`);
    await post(more);
    await post(links.feedbackUrl(reader.id, { paperId: '2511.00003', date: DATE }, 'less'));
    const kept = await post(undoUrl(more));
    expect(kept.body).toContain('<h1>Nothing undone</h1>');
    expect((await readers.votes(reader.id)).map((v) => v.vote)).toEqual(['less']);
  });

  it('escapes a hostile title on every page', async () => {
    const url = links.feedbackUrl(reader.id, { paperId: '2511.00002', date: DATE }, 'less');
    for (const response of [await get(url), await post(url), await post(undoUrl(url))]) {
      expect(response.body).toContain(ESCAPED);
      expect(response.body).not.toContain('<script>');
      expect(response.body).not.toContain('<b>bold');
    }
    expect((await readers.votes(reader.id)).length).toBe(0);
  });

  it('refuses a cross-site POST', async () => {
    const url = links.feedbackUrl(reader.id, { paperId: '2511.00001', date: DATE }, 'more');
    const response = await post(url, { 'sec-fetch-site': 'cross-site' });
    expect(response.statusCode).toBe(403);
    expect(await readers.votes(reader.id)).toEqual([]);
  });

  it('answers a missing, tampered, foreign or expired token with the right page, recording nothing', async () => {
    const url = links.feedbackUrl(reader.id, { paperId: '2511.00001', date: DATE }, 'more');
    const token = new URL(url).searchParams.get('token')!;
    const missing = await h.app.inject({ method: 'GET', url: '/feedback' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('This page needs a link');

    const tampered = `${token.slice(0, 12)}${token[12] === 'A' ? 'B' : 'A'}${token.slice(13)}`;
    for (const method of ['GET', 'POST'] as const) {
      const response = await h.app.inject({ method, url: `/feedback?token=${tampered}`, headers: FORM, payload: '' });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('This link does not work');
    }
    // A manage link's token is not a feedback token.
    const manage = await get(links.manageUrl(reader.id).replace('/preferences?', '/feedback?'));
    expect(manage.statusCode).toBe(400);

    const longAgo = createLinkBuilder(h.config, { now: () => new Date('2020-01-01T00:00:00Z') });
    const expiredUrl = longAgo.feedbackUrl(reader.id, { paperId: '2511.00001', date: DATE }, 'more');
    for (const method of ['GET', 'POST'] as const) {
      const expired = await h.app.inject({ method, url: pathOf(expiredUrl), headers: FORM, payload: '' });
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('This link has expired');
      expect(expired.body).toContain('name="purpose" value="feedback"');
    }
    expect(await readers.votes(reader.id)).toEqual([]);

    // The expired page's button emails a fresh link to the preferences page.
    const expiredToken = new URL(expiredUrl).searchParams.get('token')!;
    const refresh = await h.app.inject({
      method: 'POST',
      url: '/links/refresh',
      headers: FORM,
      payload: form({ token: expiredToken, purpose: 'feedback' }),
    });
    expect(refresh.statusCode).toBe(200);
    const mails = (await h.mails()).filter((m) => m.subscriberId === reader.id);
    expect(mails.map((m) => m.kind)).toEqual(['manage-link']);
    expect(mails[0]!.link('/preferences')).toBeDefined();
  });

  it('says clearly when the paper is not in the edition, or the edition is gone', async () => {
    const notThere = await get(links.feedbackUrl(reader.id, { paperId: '2511.09999', date: DATE }, 'more'));
    expect(notThere.statusCode).toBe(404);
    expect(notThere.body).toContain(`That paper is not in the digest of ${DATE}`);
    const noEdition = await post(links.feedbackUrl(reader.id, { paperId: '2511.00001', date: '2025-01-06' }, 'more'));
    expect(noEdition.statusCode).toBe(404);
    expect(noEdition.body).toContain('The digest of 2025-01-06 is no longer kept');
    expect(await readers.votes(reader.id)).toEqual([]);
  });

  it('records nothing for an unsubscribed reader, and finds no erased one', async () => {
    const url = links.feedbackUrl(reader.id, { paperId: '2511.00001', date: DATE }, 'more');
    await h.store.setStatus(reader.id, 'unsubscribed', 'test');
    for (const response of [await get(url), await post(url)]) {
      expect(response.body).toContain('You are unsubscribed');
      expect(response.body).toContain('Subscribe again');
    }
    expect(await readers.votes(reader.id)).toEqual([]);
    await h.store.erase(reader.id);
    const gone = await post(url);
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('Subscription not found');
  });
});
