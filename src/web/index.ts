export { buildWebApp, WEB_ROUTES, type WebPlugin } from './app.ts';
export type { WebContext, WebDeps } from './context.ts';
export type { TopicOption } from './topics.ts';
export { verifySvixSignature, WEBHOOK_TOLERANCE_SECONDS } from './webhooks/verify-svix.ts';
