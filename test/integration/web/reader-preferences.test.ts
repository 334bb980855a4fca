import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_INTERESTS, ReaderStore } from '../../../src/relevance/index.ts';
import { createLinkBuilder, type LinkBuilder, type Subscriber } from '../../../src/subscribers/index.ts';
import { syntheticPaper } from '../../support/feedback-edition.ts';
import { FORM, form, pathOf, startWeb, type WebHarness } from './support.ts';

const HOSTILE_TITLE = '<img src=x onerror=alert(1)> "Quoted" & more';
const HOSTILE_KEYWORD = '</textarea><script>alert(1)</script>';

describe('the preferences page: votes, follows and mutes', () => {
  let h: WebHarness;
  let links: LinkBuilder;
  let readers: ReaderStore;
  let reader: Subscriber;
  let manage: string;

  const page = () => h.app.inject({ method: 'GET', url: manage });
  const save = (fields: Record<string, string | string[]>, headers: Record<string, string> = {}) =>
    h.app.inject({
      method: 'POST',
      url: manage.replace('/preferences?', '/preferences/interests?'),
      headers: { ...FORM, ...headers },
      payload: form(fields),
    });
  const remove = (paperId: string) =>
    h.app.inject({
      method: 'POST',
      url: manage.replace('/preferences?', '/preferences/votes/remove?'),
      headers: FORM,
      payload: form({ paperId }),
    });
  const vote = (paperId: string, title: string, v: 'more' | 'less', at: string) =>
    readers.recordVote(reader.id, { paperId, date: '2025-11-24', vote: v, title, at }, syntheticPaper(paperId, title));

  beforeAll(async () => {
    h = await startWeb('reader-prefs');
    links = createLinkBuilder(h.config);
    readers = new ReaderStore(h.t.redis, h.t.keyspace);
  });
  afterAll(() => h?.close());

  beforeEach(async () => {
    reader = (
      await h.store.add(
        `prefs-${Math.random().toString(36).slice(2)}@example.org`,
        { topics: ['robotics'], perTopic: 5, alsoTrending: true },
        { confirmed: true },
      )
    ).subscriber;
    manage = pathOf(links.manageUrl(reader.id));
  });

  it('lists the votes, newest first, with their titles escaped, and removes one on request', async () => {
    expect((await page()).body).toContain('No votes yet.');
    await vote('2511.00001', 'Walking robots', 'more', '2025-11-24T09:00:00.000Z');
    await vote('2511.00002', HOSTILE_TITLE, 'less', '2025-11-24T10:00:00.000Z');
    const body = (await page()).body;
    expect(body).toContain('<h2 id="votes-heading">Your votes</h2>');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;Quoted&quot; &amp; more');
    expect(body).not.toContain('<img src=x');
    expect(body.indexOf('Less like this')).toBeLessThan(body.indexOf('More like this'));
    expect(body).toContain('(digest of 2025-11-24)');
    expect(body).toContain('<input type="hidden" name="paperId" value="2511.00001" />');

    const removed = await remove('2511.00001');
    expect(removed.statusCode).toBe(200);
    expect(removed.body).toContain('The vote is removed.');
    expect(removed.body).not.toContain('Walking robots');
    expect((await readers.votes(reader.id)).map((v) => v.paperId)).toEqual(['2511.00002']);

    const again = await remove('2511.00001');
    expect(again.body).toContain('There was no such vote');
    expect((await remove('../etc')).statusCode).toBe(400);
  });

  it('saves follows and mutes, one per line, trimmed and without repeats, and shows them again', async () => {
    const saved = await save({
      keywords: '  diffusion   distillation \r\n\r\nGUI agents\ngui AGENTS\n',
      authors: 'Ada Example',
      organizations: 'Example Lab',
      mutes: 'crypto',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Your follows and mutes are saved.');
    expect(await readers.interests(reader.id)).toEqual({
      keywords: ['diffusion distillation', 'GUI agents'],
      authors: ['Ada Example'],
      organizations: ['Example Lab'],
      mutes: ['crypto'],
    });
    const body = (await page()).body;
    expect(body).toMatch(/name="keywords"[^>]*>\ndiffusion distillation\nGUI agents<\/textarea/);
    // The topics are untouched.
    expect((await h.store.get(reader.id))?.preferences.topics).toEqual(['robotics']);
    // Emptying every field clears them.
    await save({ keywords: '', authors: '', organizations: '', mutes: '' });
    expect(await readers.interests(reader.id)).toEqual(NO_INTERESTS);
  });

  it('shows a message next to each invalid field, keeps what was typed, and saves nothing', async () => {
    const tooMany = Array.from({ length: 21 }, (_, i) => `keyword ${i}`).join('\n');
    const response = await save({
      keywords: tooMany,
      authors: 'X',
      organizations: 'o'.repeat(81),
      mutes: 'fine mute',
    });
    expect(response.statusCode).toBe(400);
    const body = response.body;
    expect(body).toContain('Nothing was saved: please check the fields marked.');
    expect(body).toContain('<p class="error-text" id="keywords-error">At most 20 keywords (you gave 21).</p>');
    expect(body).toContain('id="authors-error">&quot;X&quot; is too short: each entry needs at least 2 characters.');
    expect(body).toContain('id="organizations-error">&quot;oooooooooooooooooooooooo…&quot; is too long');
    expect(body).not.toContain('id="mutes-error"');
    expect(body).toMatch(/id="keywords"[^>]*aria-describedby="keywords-hint keywords-error"[^>]*aria-invalid="true"/);
    expect(body).toMatch(/name="mutes"[^>]*>\nfine mute<\/textarea/);
    expect(await readers.interests(reader.id)).toEqual(NO_INTERESTS);

    const repeated = await save({ keywords: ['a list', 'sent twice'] });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.body).toContain('id="keywords-error">This field could not be read');
    const huge = await save({ mutes: 'm'.repeat(5000) });
    expect(huge.body).toContain('id="mutes-error">Too long: at most 20 muted keywords of 80 characters.');
  });

  it('escapes a hostile keyword inside its textarea', async () => {
    await save({ keywords: HOSTILE_KEYWORD });
    const body = (await page()).body;
    expect(body).toContain('&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea');
    expect(body).not.toContain('<script>');
  });

  it('refuses a cross-site POST and a bad or missing manage link, saving nothing', async () => {
    expect((await save({ keywords: 'robots' }, { origin: 'https://evil.example' })).statusCode).toBe(403);
    const feedbackToken = new URL(
      links.feedbackUrl(reader.id, { paperId: '2511.00001', date: '2025-11-24' }, 'more'),
    ).searchParams.get('token')!;
    const foreign = await h.app.inject({
      method: 'POST',
      url: `/preferences/interests?token=${feedbackToken}`,
      headers: FORM,
      payload: form({ keywords: 'robots' }),
    });
    expect(foreign.statusCode).toBe(400);
    expect(await readers.interests(reader.id)).toEqual(NO_INTERESTS);
  });

  it('offers nothing to change for an unsubscribed reader', async () => {
    await h.store.setStatus(reader.id, 'unsubscribed', 'test');
    const response = await save({ keywords: 'robots' });
    expect(response.body).toContain('You are unsubscribed');
    expect(await readers.interests(reader.id)).toEqual(NO_INTERESTS);
  });
});
