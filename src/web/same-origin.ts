import type { FastifyReply, FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a state-changing request may proceed: it must come from our own pages. Browsers say where a request
 * comes from in `Sec-Fetch-Site` (which a page cannot forge) and `Origin` (sent with every cross-origin POST);
 * either naming another site refuses the request. A request with neither comes from a non-browser client (curl,
 * a script), which cannot carry a victim's cached credentials, so it passes. GET, HEAD and OPTIONS always pass.
 */
export function isSameOrigin(request: FastifyRequest, publicBaseUrl: string): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return true;
  return origin === new URL(publicBaseUrl).origin || origin === `${request.protocol}://${request.host}`;
}

/** An onRequest hook: 403 for a state-changing request that another site's page made. */
export function refuseCrossSite(publicBaseUrl: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (isSameOrigin(request, publicBaseUrl)) return;
    request.log.warn({ method: request.method, route: request.routeOptions.url }, 'cross-site request refused');
    await reply.code(403).type('text/plain; charset=utf-8').send('Cross-site request refused\n');
  };
}
