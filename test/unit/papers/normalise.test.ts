import { describe, expect, it } from 'vitest';
import { dailyPaperItemSchema, normaliseItem } from '../../../src/papers/index.ts';

const item = (extra: Record<string, unknown>, paperExtra: Record<string, unknown> = {}) =>
  dailyPaperItemSchema.parse({
    paper: {
      id: '2510.00001',
      title: 'A Synthetic Paper',
      summary: 'An abstract.',
      authors: [{ name: 'Ana Ruiz' }],
      publishedAt: '2025-10-13T17:55:09.000Z',
      upvotes: 3,
      ...paperExtra,
    },
    thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2510.00001.png',
    ...extra,
  });

describe('normaliseItem: organisation on every API shape', () => {
  it("takes the paper's organisation first, then the item's, then the submitter's", () => {
    const lab = { name: 'lab', fullname: 'Example Lab' };
    const uni = { name: 'uni', fullname: 'Example University' };
    const sub = { name: 'sub' };
    expect(
      normaliseItem(item({ organization: uni, submitterOrganization: sub }, { organization: lab })).organization,
    ).toEqual(lab);
    expect(normaliseItem(item({ organization: uni, submitterOrganization: sub })).organization).toEqual(uni);
    expect(normaliseItem(item({ submitterOrganization: sub })).organization).toEqual({ name: 'sub', fullname: 'sub' });
    expect(normaliseItem(item({})).organization).toBeUndefined();
  });

  it('keeps the thumbnail', () => {
    expect(normaliseItem(item({})).thumbnail).toMatch(/^https:\/\/cdn-thumbnails\./);
  });
});
