import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Config } from '../config/index.ts';
import { isRedisUnavailable } from '../shared/redis.ts';
import { BODY_LIMIT } from './accept-forms.ts';
import { createWebContext, type WebContext, type WebDeps } from './context.ts';
import { messageBody } from './pages/message.ts';
import { PAGE_CSP } from './pages/layout.ts';
import { sendPage } from './respond.ts';
import { confirmRoutes } from './routes/confirm.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { freshLinkRoutes } from './routes/fresh-link.ts';
import { healthRoutes } from './routes/health.ts';
import { editionRoutes } from './routes/editions.ts';
import { homeRoutes } from './routes/home.ts';
import { preferencesRoutes } from './routes/preferences.ts';
import { readerPreferencesRoutes } from './routes/reader-preferences.ts';
import { unsubscribeRoutes } from './routes/unsubscribe.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { adminRoutes } from './routes/admin.ts';
import { metricsRoutes } from './routes/metrics.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The web context (store, links, mailer, background work) the routes share. */
    webContext: WebContext;
  }
}

/** A route group: a Fastify plugin that receives the shared context. Admin and metrics plugins take this shape. */
export type WebPlugin = FastifyPluginAsync<{ ctx: WebContext }>;

/** The public route groups, in registration order. */
export const WEB_ROUTES: readonly WebPlugin[] = [
  healthRoutes,
  homeRoutes,
  editionRoutes,
  confirmRoutes,
  preferencesRoutes,
  readerPreferencesRoutes,
  feedbackRoutes,
  freshLinkRoutes,
  unsubscribeRoutes,
  webhookRoutes,
  adminRoutes,
  metricsRoutes,
];

/**
 * How long a client may take, so slow clients cannot hold connections open (slowloris): the headers must arrive
 * within `headersMs` and the whole request within `requestMs` (checked every `checkEveryMs`); an idle socket is
 * closed after `idleMs`, an idle keep-alive connection after `keepAliveMs` (longer than a proxy's usual 60 s, so
 * the proxy closes first).
 */
export interface ServerTimeouts {
  headersMs: number;
  requestMs: number;
  checkEveryMs: number;
  idleMs: number;
  keepAliveMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  checkEveryMs: 5_000,
  idleMs: 70_000,
  keepAliveMs: 65_000,
};

/** One year; sent only when Paperboy is served over https. */
const HSTS = 'max-age=31536000';

function wantsJson(request: FastifyRequest): boolean {
  const url = request.url;
  if (
    url.startsWith('/webhooks/') ||
    url.startsWith('/healthz') ||
    url.startsWith('/readyz') ||
    url.startsWith('/api/')
  )
    return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function sendError(ctx: WebContext, request: FastifyRequest, reply: FastifyReply, status: number, message: string) {
  if (wantsJson(request)) return reply.code(status).send({ error: message });
  return sendPage(reply, ctx, {
    status,
    title: message,
    body: messageBody({ heading: message, text: 'Please go back and try again.', tone: 'error' }),
  });
}

const CLIENT_ERRORS: Record<number, string> = {
  400: 'That request could not be read',
  404: 'Page not found',
  405: 'That is not allowed here',
  413: 'That request is too large',
  414: 'That address is too long',
  415: 'That kind of request is not accepted here',
  429: 'Too many requests',
};

const UNAVAILABLE = 'Paperboy is briefly unavailable';

/**
 * Fastify's trustProxy for TRUST_PROXY: the proxies' addresses/CIDRs as they are, or, for a hop count, a function
 * that trusts exactly that many hops nearest to us (Fastify itself now treats a bare number as "trust nobody").
 * Never `true` (the config refuses it): the client IP, and so every rate limit, is never the client's choice.
 */
function trustProxyOption(
  setting: Config['web']['trustProxy'],
): false | string[] | ((address: string, hop: number) => boolean) {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return [...setting];
}

/**
 * Builds the web app (not listening): the public pages, one-click unsubscribe, the Resend webhook and /healthz,
 * plus any extra route groups (admin, metrics). Bad input always gets a 4xx page or JSON error, never a 500.
 */
export async function buildWebApp(
  deps: WebDeps,
  options: { plugins?: readonly WebPlugin[]; timeouts?: Partial<ServerTimeouts> } = {},
): Promise<FastifyInstance> {
  const ctx = createWebContext(deps);
  const timeouts = { ...SERVER_TIMEOUTS, ...options.timeouts };
  const { trustProxy } = deps.config.web;
  const servedOverHttps = deps.config.web.publicBaseUrl.startsWith('https://');
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'web' }),
    // Request URLs carry link tokens (credentials): log the route pattern instead (see onResponse).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    trustProxy: trustProxyOption(trustProxy),
    return503OnClosing: true,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    requestTimeout: timeouts.requestMs,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: timeouts.checkEveryMs },
    // pino's Logger is wider than FastifyBaseLogger; the cast below returns the plain instance type.
  }) as unknown as FastifyInstance;
  app.decorate('webContext', ctx);
  // No form parser here: each route group that takes a form registers one (see acceptForms), so nothing else
  // (the admin board above all) accepts a body a cross-site <form> can send.

  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-content-type-options', 'nosniff');
    if (servedOverHttps || request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
    // Never leak a token-bearing URL to another site through Referer, nor keep token pages in caches.
    void reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      // A route may set a wider policy of its own (the web edition allows https: images).
      if (!reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', PAGE_CSP);
      void reply.header('x-frame-options', 'DENY');
    }
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });
  // Notices due (or pending) from before a restart are picked up once the app is ready, in the background.
  app.addHook('onReady', (done) => {
    ctx.background.run('resume notices', () => ctx.notices.resume());
    done();
  });
  app.addHook('onClose', async () => {
    ctx.background.cancelLater();
    await ctx.background.idle();
    await ctx.transactionalQueue.close();
  });

  app.setNotFoundHandler((request, reply) => sendError(ctx, request, reply, 404, CLIENT_ERRORS[404]!));
  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (isRedisUnavailable(error)) {
      // Fail fast (the web's Redis connection times commands out) so clients and proxies can retry elsewhere.
      request.log.warn({ err: error, route: request.routeOptions.url }, 'redis unavailable');
      void reply.header('retry-after', '5');
      return sendError(ctx, request, reply, 503, UNAVAILABLE);
    }
    if (status >= 400 && status < 500) {
      return sendError(ctx, request, reply, status, CLIENT_ERRORS[status] ?? CLIENT_ERRORS[400]!);
    }
    request.log.error({ err: error, route: request.routeOptions.url }, 'request failed');
    return sendError(ctx, request, reply, 500, 'Something went wrong on our side');
  });

  for (const plugin of [...WEB_ROUTES, ...(options.plugins ?? [])]) await app.register(plugin, { ctx });
  return app;
}
