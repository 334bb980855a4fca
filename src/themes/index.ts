export * from './types.ts';
export {
  THEMES,
  MIN_THEME_SCORE,
  SECONDARY_SHARE,
  GATE_MIN_MENTIONS,
  MIN_EVIDENCE,
  EVIDENCE_WEIGHT,
  STRONG_WEIGHT,
  STRONG_REPEATS,
} from './taxonomy.ts';
export { ABBREVIATIONS } from './abbreviations.ts';
export { classifyPaper, prepareTaxonomy, type ClassifiableText, type ClassifyOptions } from './classify.ts';
export {
  rankScore,
  compareRanked,
  compareRankedBy,
  DEFAULT_RANKING,
  FULL_BONUS_STARS,
  type RankingWeights,
  type RankInput,
} from './rank.ts';
export { buildEdition, type BuildEditionOptions } from './build-edition.ts';
export { themeIds } from './lookup.ts';
