import { freezeEdition, saveEdition } from '../../src/editions/index.ts';
import type { Paper } from '../../src/papers/index.ts';
import type { Keyspace } from '../../src/shared/keyspace.ts';
import type { RedisClient } from '../../src/shared/redis.ts';
import type { Edition, EditionPaper } from '../../src/themes/index.ts';

/** A synthetic paper in the normalised shape (our own text, nothing from the real API). */
export function syntheticPaper(id: string, title: string, extra: Partial<Paper> = {}): Paper {
  return {
    id,
    title,
    abstract: `A synthetic abstract for ${id}.`,
    authors: ['Ada Example', 'Alan Sample'],
    upvotes: 10,
    comments: 0,
    submittedAt: '2025-11-24T08:00:00.000Z',
    publishedAt: '2025-11-21T00:00:00.000Z',
    links: {
      page: `https://huggingface.co/papers/${id}`,
      abs: `https://arxiv.org/abs/${id}`,
      pdf: `https://arxiv.org/pdf/${id}`,
    },
    ...extra,
  };
}

const ranked = (paper: Paper, score: number): EditionPaper => ({
  paper,
  classification: { theme: 'robotics', secondary: [], scores: { robotics: score }, matched: { robotics: [] } },
  score,
});

/** Stores (and freezes, as a sent edition is) an edition of `date` holding `papers` (the last in "Also trending"). */
export async function storeEdition(
  redis: RedisClient,
  ks: Keyspace,
  date: string,
  papers: readonly Paper[],
): Promise<Edition> {
  const themed = papers.slice(0, -1);
  const other = papers.slice(-1);
  const edition: Edition = {
    date,
    days: [date],
    builtAt: `${date}T06:00:00.000Z`,
    sections: [
      {
        id: 'robotics',
        label: 'Robotics',
        description: 'Robots.',
        papers: themed.map((p, i) => ranked(p, 10 - i)),
      },
    ],
    other: other.map((p) => ranked(p, 1)),
    counts: { papers: papers.length, other: other.length, byTheme: { robotics: themed.length } },
  };
  await saveEdition(redis, ks, edition);
  await freezeEdition(redis, ks, date);
  return edition;
}
