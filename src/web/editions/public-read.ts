import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebContext } from '../context.ts';
import { messageBody } from '../pages/message.ts';
import type { RateLimitRule } from '../rate-limit.ts';
import { sendPage } from '../respond.ts';

/** Public reads (edition pages, the archive, the feeds) per client address: generous, but a flood is stopped. */
export const PUBLIC_READS_PER_IP: RateLimitRule = { scope: 'public-read-ip', limit: 600, windowSeconds: 60 };

/** Counts the request against the public-read limit; on a 429 it has answered and returns false. */
export async function allowPublicRead(ctx: WebContext, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const hit = await ctx.limiter.hit(PUBLIC_READS_PER_IP, request.ip);
  if (hit.allowed) return true;
  void reply.header('retry-after', String(hit.retryAfterSeconds));
  sendPage(reply, ctx, {
    status: 429,
    title: 'Too many requests',
    body: messageBody({ heading: 'Too many requests', text: 'Please wait a little and try again.', tone: 'error' }),
  });
  return false;
}
