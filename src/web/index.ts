export { buildWebApp, type WebPlugin } from './app.ts';
export type { WebContext, WebDeps } from './context.ts';
export type { TopicOption } from './topics.ts';
export { verifySvixSignature } from './webhooks/verify-svix.ts';
