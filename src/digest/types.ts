import type { EditionPaper, ThemeId } from '../themes/index.ts';

export interface DigestSection {
  id: ThemeId;
  label: string;
  description: string;
  papers: EditionPaper[];
}

/** Exactly what one preference profile receives for one edition. */
export interface Digest {
  /** The edition's id (its newest list day). */
  date: string;
  /** The list days the edition covers, oldest first. */
  days: string[];
  profileKey: string;
  /** One per chosen topic, in taxonomy order; a topic with no papers this time has an empty list. */
  sections: DigestSection[];
  /** Top "other" papers when the profile asked for them; empty otherwise. */
  alsoTrending: EditionPaper[];
  /** Papers in the chosen topics (not counting "Also trending"). */
  paperCount: number;
}

export type ComposeResult = { kind: 'digest'; digest: Digest } | { kind: 'skip'; reason: string; profileKey: string };
