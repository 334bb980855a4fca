import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { LinkClaims, LinkPurpose, LinkTokenResult } from '../subscribers/index.ts';
import type { WebContext } from './context.ts';
import { html, type SafeHtml } from './html.ts';
import { layout } from './pages/layout.ts';
import { messageBody } from './pages/message.ts';
import { tokenErrorPage } from './pages/token-errors.ts';

/** Sends a full HTML page in the shared layout. */
export function sendPage(
  reply: FastifyReply,
  ctx: WebContext,
  page: { status?: number; title: string; body: SafeHtml; head?: SafeHtml; indexable?: boolean },
): FastifyReply {
  return reply
    .code(page.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(pageHtml(ctx, page));
}

/** A full HTML page in the shared layout, as a string (for routes that cache their pages). */
export function pageHtml(
  ctx: WebContext,
  page: { title: string; body: SafeHtml; head?: SafeHtml; indexable?: boolean },
): string {
  return layout({ ...page, postalAddress: ctx.deps.config.mail.postalAddress });
}

const tokenQuery = z.object({ token: z.string().min(1).max(600) });

/** The `token` query parameter, or undefined when it is missing, repeated or absurd. */
export function readToken(query: unknown): string | undefined {
  const parsed = tokenQuery.safeParse(query);
  return parsed.success ? parsed.data.token : undefined;
}

/**
 * Verifies the request's link token for a purpose. On failure it sends the matching 4xx page and returns
 * undefined; the caller just returns.
 */
export function requireToken(
  reply: FastifyReply,
  ctx: WebContext,
  query: unknown,
  purpose: LinkPurpose,
): { token: string; claims: LinkClaims } | undefined {
  const token = readToken(query);
  if (!token) {
    sendPage(reply, ctx, tokenErrorPage('missing', purpose));
    return undefined;
  }
  const result: LinkTokenResult = ctx.links.verify(token, purpose);
  if (result.ok) return { token, claims: result.claims };
  sendPage(reply, ctx, tokenErrorPage(result.reason, purpose, token));
  return undefined;
}

/** 404 for a valid link whose subscriber no longer exists (erased). */
export function sendSubscriptionNotFound(reply: FastifyReply, ctx: WebContext): FastifyReply {
  return sendPage(reply, ctx, {
    status: 404,
    title: 'Subscription not found',
    body: messageBody({
      heading: 'Subscription not found',
      text: 'This subscription no longer exists. You can subscribe again on the home page.',
      tone: 'error',
      extra: html`<p><a href="/">Subscribe</a></p>`,
    }),
  });
}
