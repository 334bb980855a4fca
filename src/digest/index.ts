export * from './types.ts';
export { composeDigest, type ComposeOptions } from './compose.ts';
export { profileKey } from './profile-key.ts';
export { validateTopics } from './validate-topics.ts';
export { fitDigest, DIGEST_BUDGET_BYTES, type FitResult, type MeasureDigest } from './fit.ts';
