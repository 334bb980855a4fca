export * from './types.ts';
export { composeDigest, type ComposeOptions } from './compose.ts';
export { profileKey } from './profile-key.ts';
export { validateTopics } from './validate-topics.ts';
