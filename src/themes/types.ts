import type { Paper } from '../papers/index.ts';

/** A theme id from the taxonomy (`visual-rl`, ...) or `other` for papers that match none. */
export type ThemeId = string;
export const OTHER_THEME = 'other';

export interface ThemeTerm {
  /** A word or phrase; matching is case-, hyphen- and plural-insensitive. */
  term: string;
  /** Points per occurrence context (see classify.ts); negative weights are evidence against the theme. */
  weight: number;
}

/**
 * A condition a paper must meet before a theme can score at all: phrases of `anyOf` are mentioned at least
 * `GATE_MIN_MENTIONS` times (a title mention counts twice), so one passing word does not open it.
 */
export interface ThemeGate {
  /** Says what the gate checks, e.g. "visual input". */
  label: string;
  anyOf: string[];
}

export interface Theme {
  id: ThemeId;
  label: string;
  /** One line for the email, under the section heading. */
  description: string;
  terms: ThemeTerm[];
  /** Every gate must be met, or the theme scores 0 (e.g. VLM reasoning needs some visual input). */
  requires?: ThemeGate[];
}

/** Why a paper landed where it did: explainable per-theme scores and the terms that matched. */
export interface Classification {
  theme: ThemeId;
  secondary: ThemeId[];
  scores: Record<ThemeId, number>;
  matched: Record<ThemeId, string[]>;
}

export interface EditionPaper {
  paper: Paper;
  classification: Classification;
  /** The ranking score (see README, "Ranking"). */
  score: number;
}

export interface EditionSection {
  id: ThemeId;
  label: string;
  description: string;
  papers: EditionPaper[];
}

/** The papers of one or more list days, classified and ranked: every digest is cut from this. */
export interface Edition {
  /** The edition's id: the newest list day it covers. */
  date: string;
  /** The Daily Papers list days it covers, oldest first (usually one; a Monday's covers the weekend). */
  days: string[];
  /** Papers of these days left out because one of the recent editions already carried them (ids, sorted). */
  repeats?: string[];
  builtAt: string;
  /** Set once sending starts; after that the edition is never rebuilt. */
  frozenAt?: string;
  /** One section per theme, in taxonomy order; each paper sits in the section of its primary theme. */
  sections: EditionSection[];
  /** Papers that match no theme, ranked ("Also trending"). */
  other: EditionPaper[];
  counts: { papers: number; other: number; byTheme: Record<ThemeId, number> };
}
