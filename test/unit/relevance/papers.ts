// Synthetic papers on a few subjects for the relevance tests (our own text, in the real shapes).
import type { ReaderState, ReaderVote } from '../../../src/relevance/index.ts';
import { NO_INTERESTS, withTerms } from '../../../src/relevance/index.ts';
import { buildEdition, type Edition } from '../../../src/themes/index.ts';
import type { Paper } from '../../../src/papers/index.ts';
import { makePaper } from '../../fixtures/themes/make-paper.ts';

const SUBJECTS = {
  humanoid: {
    title: 'Humanoid locomotion with whole-body control',
    abstract:
      'A humanoid robot learns legged locomotion and balance on rough terrain from simulation to the real world.',
  },
  speech: {
    title: 'Expressive speech synthesis from text',
    abstract: 'A speech synthesis model produces expressive voice audio with prosody control for many speakers.',
  },
  image: {
    title: 'Text-to-image diffusion with better prompts',
    abstract: 'A text-to-image diffusion model generates images that follow long prompts with layout and style.',
  },
  tables: {
    title: 'Spreadsheet question answering',
    abstract: 'Language models answer questions over spreadsheets and tables with formulas and cell references.',
  },
} as const;
export type Subject = keyof typeof SUBJECTS;

/** A paper on a subject, with a variant number so papers of one subject differ a little. */
export function paperOn(subject: Subject, id: string, upvotes: number, variant = 0): Paper {
  const s = SUBJECTS[subject];
  return makePaper({
    id,
    title: `${s.title} ${variant > 0 ? `(part ${variant})` : ''}`.trim(),
    abstract: `${s.abstract} Variant ${variant} studies a further setting.`,
    upvotes,
  });
}

/** An edition of papers on every subject, the image papers most popular. */
export function mixedEdition(date = '2025-11-24', prefix = 'n'): Edition {
  const papers = [
    paperOn('image', `${prefix}-img1`, 90, 1),
    paperOn('image', `${prefix}-img2`, 80, 2),
    paperOn('tables', `${prefix}-tab1`, 70, 1),
    paperOn('speech', `${prefix}-sp1`, 60, 1),
    paperOn('tables', `${prefix}-tab2`, 50, 2),
    paperOn('image', `${prefix}-img3`, 40, 3),
    paperOn('humanoid', `${prefix}-hum1`, 12, 1),
    paperOn('speech', `${prefix}-sp2`, 10, 2),
    paperOn('humanoid', `${prefix}-hum2`, 8, 2),
  ];
  return buildEdition(date, papers, { now: new Date(`${date}T06:00:00.000Z`) });
}

export function voteOn(paper: Paper, vote: 'more' | 'less', at = '2025-11-20T10:00:00.000Z'): ReaderVote {
  return withTerms({ paperId: paper.id, date: '2025-11-20', vote, title: paper.title, at }, paper);
}

export function readerWith(votes: ReaderVote[], interests: Partial<ReaderState['interests']> = {}): ReaderState {
  return { votes, interests: { ...NO_INTERESTS, ...interests } };
}
