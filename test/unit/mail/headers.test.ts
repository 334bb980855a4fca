import { describe, expect, it } from 'vitest';
import { buildDigestHeaders, buildFeedbackId } from '../../../src/mail/index.ts';

describe('digest headers', () => {
  it('carry the one-click pair, List-Id and a Feedback-ID naming the edition, never the reader', () => {
    const headers = buildDigestHeaders({
      unsubscribeUrl: 'https://paperboy.example.org/unsubscribe?token=abc',
      mailto: 'unsubscribe@paperboy.example.org',
      listId: 'Paperboy daily digest <daily.paperboy.example.org>',
      date: '2025-11-24',
      feedbackSenderId: 'paperboyexample',
    });
    expect(headers).toEqual({
      'List-Unsubscribe':
        '<https://paperboy.example.org/unsubscribe?token=abc>, <mailto:unsubscribe@paperboy.example.org?subject=unsubscribe>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': 'Paperboy daily digest <daily.paperboy.example.org>',
      'Feedback-ID': '2025-11-24:digest:paperboy:paperboyexample',
    });
  });
});

describe('Feedback-ID', () => {
  it('refuses a field that would add a field (a colon), break the line, or carry an address', () => {
    const ok = { campaign: 'confirm', stream: 'transactional', senderId: 'paperboy' } as const;
    expect(buildFeedbackId(ok)).toEqual({ 'Feedback-ID': 'confirm:transactional:paperboy:paperboy' });
    expect(() => buildFeedbackId({ ...ok, campaign: 'a:b' })).toThrow(/campaign/);
    expect(() => buildFeedbackId({ ...ok, senderId: 'x\r\nBcc: y' })).toThrow(/senderId/);
    expect(() => buildFeedbackId({ ...ok, campaign: 'reader@example.org' })).toThrow(/campaign/);
  });
});
