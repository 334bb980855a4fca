import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { WebContext } from '../context.ts';
import { unsubscribeConfirmBody, unsubscribedBody } from '../pages/unsubscribe.ts';
import { readToken, requireToken, sendPage } from '../respond.ts';

/**
 * RFC 8058 one-click unsubscribe. POST /unsubscribe?token= unsubscribes at once: the body may be
 * `List-Unsubscribe=One-Click` form-urlencoded or multipart (or anything else, even unreadable: the token in the
 * URL is the credential), no cookie or other context is needed, it never redirects and always answers 200, also
 * for unknown or expired tokens. An authentic but expired unsubscribe token is honoured: stopping mail is never
 * wrong. GET /unsubscribe?token= only shows a confirm button, because link scanners fetch GETs.
 */
export const unsubscribeRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fields: 10, fieldSize: 1024, files: 0, parts: 10, fieldNameSize: 100 },
  });
  // Any other content type is accepted and ignored (bounded by the app's body limit).
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, {}));

  // Requests whose handler already ran: an error after that is ours (Redis down), not the body's.
  const handled = new WeakSet<FastifyRequest>();

  const oneClick = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    handled.add(request);
    const token = readToken(request.query);
    const result = token ? ctx.links.verify(token, 'unsubscribe') : undefined;
    const claims = result?.ok ? result.claims : result?.reason === 'expired' ? result.claims : undefined;
    let manageToken: string | undefined;
    if (claims) {
      const outcome = await ctx.store.setStatus(claims.subscriberId, 'unsubscribed', 'one-click');
      if (outcome) {
        manageToken = ctx.links.token(outcome.subscriber.id, 'manage');
        if (outcome.changed && outcome.previous === 'active') {
          request.log.info({ subscriber: outcome.subscriber.id }, 'unsubscribed');
          // The unsubscribe has happened whatever becomes of the goodbye email: the answer stays 200.
          await ctx.mailer
            .sendGoodbye(outcome.subscriber)
            .catch((error: unknown) => request.log.error({ err: error }, 'the goodbye email could not be queued'));
        }
      }
    }
    return sendPage(reply, ctx, { title: 'Unsubscribed', body: unsubscribedBody(manageToken) });
  };

  // A body we cannot read (bad multipart, a file part, too large) still unsubscribes: the answer stays 200.
  app.setErrorHandler(async (error, request, reply) => {
    if (request.method === 'POST' && !handled.has(request)) return oneClick(request, reply);
    throw error;
  });

  app.get('/unsubscribe', (request, reply) => {
    const link = requireToken(reply, ctx, request.query, 'unsubscribe');
    if (!link) return reply;
    return sendPage(reply, ctx, { title: 'Unsubscribe', body: unsubscribeConfirmBody(link.token) });
  });

  app.post('/unsubscribe', oneClick);
};
