export * from './types.ts';
export { ReaderStore, readerKeys, MAX_VOTES } from './reader-store.ts';
export { personalDigest, FOR_YOU_SIZE, type PersonalDigestInput } from './personal.ts';
export { DEFAULT_MODEL, readerModel, readerSignal, withTerms, type ModelOptions } from './model.ts';
export { buildProfile, EMPTY_PROFILE } from './profile.ts';
export { paperTerms } from './terms.ts';
export { VECTOR_TERMS, MAX_VECTOR_BYTES } from './vector.ts';
export { MAX_WHY_LENGTH } from './lines.ts';
