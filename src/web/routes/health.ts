import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../context.ts';

const TIMEOUT_MS = 1000;

/**
 * GET /healthz (liveness): 200 whenever the process answers, without touching Redis, so a Redis outage never gets
 * the web restarted. GET /readyz (readiness): 200 when Redis answers PING within a second, 503 otherwise.
 */
export const healthRoutes: FastifyPluginAsync<{ ctx: WebContext }> = (app, { ctx }) => {
  app.get('/healthz', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok', uptime: Math.round(process.uptime()) }),
  );
  app.get('/readyz', async (_request, reply) => {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const redisUp = await Promise.race([
      ctx.deps.redis.ping().then(
        (r) => r === 'PONG',
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    return reply
      .code(redisUp ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: redisUp ? 'ok' : 'unavailable', redis: redisUp ? 'up' : 'down', ms: Date.now() - started });
  });
  return Promise.resolve();
};
