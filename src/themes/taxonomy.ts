import type { Theme } from './types.ts';
import { visualRl } from './taxonomy/visual-rl.ts';
import { imageGeneration } from './taxonomy/image-generation.ts';
import { vlmReasoning } from './taxonomy/vlm-reasoning.ts';
import { robotics } from './taxonomy/robotics.ts';

// The taxonomy is data: adding a theme means a file in ./taxonomy/, an entry in THEMES, and a test.
// Weights follow one scale: 5 = names the theme on its own ("text-to-image"), 3-4 = strong evidence,
// 1-2 = supporting, <= 1 = generic, negative = evidence against. A weight of 0 "absorbs" a longer phrase so its
// parts do not count (e.g. "vision-language-action" is not evidence for VLM reasoning). Matching is
// longest-phrase-first within each theme, and abbreviations are expanded before matching (see abbreviations.ts),
// so terms are written in full.

/** The themes in the order sections appear in every email. */
export const THEMES: readonly Theme[] = [visualRl, imageGeneration, vlmReasoning, robotics];

/** A gate is met by at least this many mentions of its phrases, a title mention counting twice. */
export const GATE_MIN_MENTIONS = 2;

/**
 * A theme scores only with at least this much evidence, so that one passing word never files a paper: each matched
 * term of weight >= `EVIDENCE_WEIGHT` is one piece, a strong term (weight >= `STRONG_WEIGHT`) named in the title or
 * repeated `STRONG_REPEATS` times in the body is two. Generic words below `EVIDENCE_WEIGHT` ("generation", "agent")
 * add points but are no evidence.
 */
export const MIN_EVIDENCE = 2;
export const EVIDENCE_WEIGHT = 1;
export const STRONG_WEIGHT = 3;
export const STRONG_REPEATS = 3;

/** Below this score a theme is not assigned; a paper with no theme at or above it is `other`. */
export const MIN_THEME_SCORE = 5;

/** A second theme is listed when it scores at least this share of the primary theme's score (and the minimum). */
export const SECONDARY_SHARE = 0.5;
