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
  /**
   * A reader's own digest only: the papers picked for this reader, shown first under "For you" (and not again in
   * the sections). Absent for a profile's (non-personal) digest.
   */
  forYou?: EditionPaper[];
  /** A reader's own digest only: paper id -> the one-line reason it is there ("You follow: Sergey Levine"). */
  why?: Readonly<Record<string, string>>;
  /**
   * Papers the size guard (`fitDigest`) left out to keep the email under its byte budget; the email then says
   * "N more papers online" and links to the web edition. Absent (or 0) when nothing was left out.
   */
  hiddenPapers?: number;
}

export type ComposeResult = { kind: 'digest'; digest: Digest } | { kind: 'skip'; reason: string; profileKey: string };
