import type { FastifyPluginAsync } from 'fastify';
import { recordDeliveryEvent } from '../../deliveries/index.ts';
import type { WebContext } from '../context.ts';
import { firstRecipient, resendEventSchema, suppressionFor, type ResendEvent } from '../webhooks/resend-event.ts';
import { verifySvixSignature } from '../webhooks/verify-svix.ts';

/** Redeliveries stop after about 28 hours; remembering ids for a week covers them and manual replays. */
const SEEN_TTL_SECONDS = 7 * 24 * 3600;

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * POST /webhooks/resend: verifies the Svix signature on the raw body (bad -> 401, nothing changes), ignores
 * redeliveries by svix-id, suppresses hard bounces and complaints, and records each email event against its
 * delivery in the send ledger.
 */
export const webhookRoutes: FastifyPluginAsync<{ ctx: WebContext }> = (app, { ctx }) => {
  // The signature covers the exact bytes Resend sent, so this scope keeps bodies as raw strings.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_request, body, done) =>
    done(null, body),
  );

  app.post('/webhooks/resend', async (request, reply) => {
    const secret = ctx.deps.config.mail.resend.webhookSecret;
    if (!secret) return reply.code(503).send({ error: 'webhooks are not configured (RESEND_WEBHOOK_SECRET)' });
    const body = typeof request.body === 'string' ? request.body : '';
    const h = request.headers;
    const id = header(h['svix-id']) ?? header(h['webhook-id']);
    const verdict = verifySvixSignature(
      body,
      {
        id,
        timestamp: header(h['svix-timestamp']) ?? header(h['webhook-timestamp']),
        signature: header(h['svix-signature']) ?? header(h['webhook-signature']),
      },
      secret,
      ctx.deps.now?.() ?? new Date(),
    );
    if (!verdict.ok || !id) {
      request.log.warn({ reason: verdict.ok ? 'no id' : verdict.reason }, 'webhook refused');
      return reply.code(401).send({ error: 'invalid signature' });
    }
    let event: ResendEvent;
    try {
      event = resendEventSchema.parse(JSON.parse(body));
    } catch {
      return reply.code(400).send({ error: 'the event is not a Resend webhook event' });
    }
    const seenKey = ctx.deps.keyspace.key('webhooks', 'resend', 'seen', id.slice(0, 200));
    const first = await ctx.deps.redis.set(seenKey, event.type, 'EX', SEEN_TTL_SECONDS, 'NX');
    if (first === null) return reply.send({ status: 'duplicate' });
    try {
      await handleEvent(ctx, event);
    } catch (error) {
      // Let the provider redeliver: forget that we saw it.
      await ctx.deps.redis.del(seenKey);
      throw error;
    }
    return reply.send({ status: 'ok' });
  });
  return Promise.resolve();
};

async function handleEvent(ctx: WebContext, event: ResendEvent): Promise<void> {
  const suppression = suppressionFor(event);
  if (suppression) {
    const tagged = event.data.tags?.subscriber;
    const recipient = firstRecipient(event);
    const subscriber =
      (tagged ? await ctx.store.get(tagged) : undefined) ??
      (recipient ? await ctx.store.findByEmail(recipient.replace(/^.*<([^>]+)>\s*$/, '$1')) : undefined);
    if (subscriber) {
      const outcome = await ctx.store.setStatus(subscriber.id, suppression.status, suppression.reason);
      if (outcome?.changed) ctx.deps.logger.info({ subscriber: subscriber.id, ...suppression }, 'suppressed');
    }
  }
  if (event.type.startsWith('email.') && event.data.email_id) {
    await recordDeliveryEvent(ctx.deps.redis, ctx.deps.keyspace, {
      providerId: event.data.email_id,
      type: event.type,
      at: event.created_at,
      tags: event.data.tags,
    });
  }
}
