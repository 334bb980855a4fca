export * from './preferences.ts';
export * from './subscriber.ts';
export * from './email.ts';
export * from './store.ts';
export * from './link-token.ts';
export * from './links.ts';
export * from './topics.ts';
