import { describe, expect, it } from 'vitest';
import {
  buildProfile,
  PROFILE_DISLIKED_TERMS,
  PROFILE_TERMS,
  readerProfileSchema,
} from '../../../src/relevance/index.ts';
import { forEachProfileTerm } from '../../../src/relevance/profile.ts';
import type { ReaderVote } from '../../../src/relevance/index.ts';
import { paperOn, voteOn } from './papers.ts';

const terms = (profile: ReturnType<typeof buildProfile>) => {
  const out = new Map<string, [number, number, number]>();
  forEachProfileTerm(profile, (term, r, d, o) => out.set(term, [r, d, o]));
  return out;
};

/** A vote with the given stored terms (as recordVote would store them). */
const raw = (id: string, vote: 'more' | 'less', stored: string, at: string): ReaderVote => ({
  paperId: id,
  date: '2025-11-20',
  vote,
  title: `Paper ${id}: a study`,
  at,
  terms: stored,
});

describe('reader profiles (the votes summed)', () => {
  it('counts liked and disliked papers per term and names the latest liked paper with each', () => {
    const votes = [
      raw('a', 'more', 'robot;humanoid;policy', '2025-11-20T10:00:00.000Z'),
      raw('b', 'more', 'robot;diffusion', '2025-11-21T10:00:00.000Z'),
      raw('c', 'less', 'robot;table;spreadsheet', '2025-11-22T10:00:00.000Z'),
    ];
    const profile = buildProfile(votes);
    expect(readerProfileSchema.parse(profile)).toEqual(profile);
    expect(profile).toMatchObject({ likes: 2, dislikes: 1 });
    const t = terms(profile);
    const named = (term: string) => profile.liked[t.get(term)![2]]![0];
    expect(t.get('robot')?.slice(0, 2)).toEqual([2, 1]);
    expect(named('robot')).toBe('b');
    expect(named('humanoid')).toBe('a');
    expect(t.get('table')).toEqual([0, 1, -1]);
    expect(profile.liked.map(([, title]) => title)).toEqual(expect.arrayContaining(['Paper a', 'Paper b']));
  });

  it('is the same whatever order the votes come in, and reads votes stored with weights', () => {
    const a = voteOn(paperOn('humanoid', 'p1', 1, 1), 'more');
    const b = voteOn(paperOn('speech', 'p2', 1, 2), 'less', '2025-11-21T10:00:00.000Z');
    expect(buildProfile([b, a])).toEqual(buildProfile([a, b]));
    const legacy = raw('l', 'more', 'humanoid locomotion=99;humanoid=80', '2025-11-20T10:00:00.000Z');
    expect([...terms(buildProfile([legacy])).keys()]).toEqual(['humanoid', 'humanoid locomotion']);
  });

  it('keeps the terms in the most papers, within its bounds', () => {
    const votes = Array.from({ length: 40 }, (_, i) =>
      raw(
        `v${i}`,
        i % 3 === 2 ? 'less' : 'more',
        Array.from({ length: 48 }, (_, j) => (j < 4 ? `shared${j}` : `t${i}x${j}`)).join(';'),
        `2025-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`,
      ),
    );
    const profile = buildProfile(votes);
    const t = terms(profile);
    const liked = [...t.values()].filter(([r]) => r > 0);
    expect(liked).toHaveLength(PROFILE_TERMS);
    expect([...t.values()].filter(([r]) => r === 0)).toHaveLength(PROFILE_DISLIKED_TERMS);
    expect(t.get('shared0')?.slice(0, 2)).toEqual([27, 13]);
    expect(readerProfileSchema.safeParse(profile).success).toBe(true);
    expect(buildProfile([])).toEqual({ likes: 0, dislikes: 0, terms: '', liked: [] });
  });

  it('skips what is malformed in stored terms rather than failing the digest', () => {
    const profile = { likes: 2, dislikes: 1, terms: 'a=1,0,0;bad;=3,1;b=x,1;c=0,2;d=2,1,5;e=0,0;f=1,2', liked: [] };
    expect([...terms(profile)]).toEqual([
      ['a', [1, 0, 0]],
      ['c', [0, 2, -1]],
      ['d', [2, 1, 5]],
      ['f', [1, 2, -1]],
    ]);
  });
});
