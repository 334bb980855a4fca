export * from './types.ts';
export { ReaderStore, readerKeys, MAX_VOTES } from './reader-store.ts';
export { personalDigest, FOR_YOU_SIZE, type PersonalDigestInput } from './personal.ts';
