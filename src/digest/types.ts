import type { EditionPaper, ThemeId } from '../themes/index.ts';

export interface DigestSection {
  id: ThemeId;
  label: string;
  description: string;
  papers: EditionPaper[];
}

/** Exactly what one preference profile receives for one edition. */
export interface Digest {
  date: string;
  profileKey: string;
  sections: DigestSection[];
  /** Top "other" papers when the profile asked for them; empty otherwise. */
  alsoTrending: EditionPaper[];
  /** Papers in the chosen topics (not counting "Also trending"). */
  paperCount: number;
}

export type ComposeResult = { kind: 'digest'; digest: Digest } | { kind: 'skip'; reason: string; profileKey: string };
