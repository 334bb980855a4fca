import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { WebContext } from '../context.ts';
import { sendRepresentation } from '../editions/conditional.ts';
import { isEditionDate } from '../../shared/dates.ts';
import { allowPublicRead } from '../editions/public-read.ts';
import { EditionSite } from '../editions/site.ts';
import { EDITIONS_PATH } from '../feeds/paths.ts';
import { html } from '../html.ts';
import { messageBody } from '../pages/message.ts';
import { EDITION_CSP } from '../pages/edition-style.ts';
import { sendPage } from '../respond.ts';
import { feedRoutes } from './feeds.ts';

const HTML = 'text/html; charset=utf-8';
const indexQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

function notFound(reply: FastifyReply, ctx: WebContext, heading: string, text: string) {
  return sendPage(reply, ctx, {
    status: 404,
    title: heading,
    body: messageBody({
      heading,
      text,
      tone: 'error',
      extra: html`<p><a href="${EDITIONS_PATH}">All editions</a></p>`,
    }),
  });
}

function badParameter(reply: FastifyReply, ctx: WebContext, name: string, expected: string) {
  return sendPage(reply, ctx, {
    status: 400,
    title: `Invalid ${name} parameter`,
    body: messageBody({
      heading: `Invalid ${name} parameter`,
      text: `The ${name} parameter must be ${expected}.`,
      tone: 'error',
      extra: html`<p><a href="${EDITIONS_PATH}">All editions</a></p>`,
    }),
  });
}

/**
 * GET /editions (the archive, `?page=N`), GET /editions/:date (a whole edition) and GET /editions/:date/:theme
 * (one theme of it), plus the feeds (see feeds.ts), all public and cacheable: strong ETags, Last-Modified, 304.
 */
export const editionRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  const site = new EditionSite(ctx);

  app.get(EDITIONS_PATH, async (request, reply) => {
    const query = indexQuery.safeParse(request.query);
    if (!query.success) return badParameter(reply, ctx, 'page', 'a whole number from 1');
    if (!(await allowPublicRead(ctx, request, reply))) return reply;
    const rep = await site.indexPage(query.data.page);
    if (!rep)
      return notFound(reply, ctx, 'No editions on this page', `There is no page ${query.data.page} of editions.`);
    void reply.header('content-security-policy', EDITION_CSP);
    return sendRepresentation(request, reply, rep, HTML);
  });

  const editionPage = async (request: FastifyRequest, reply: FastifyReply, date: string, theme?: string) => {
    if (!isEditionDate(date)) return badParameter(reply, ctx, 'date', 'a date written YYYY-MM-DD, like 2025-11-24');
    if (!(await allowPublicRead(ctx, request, reply))) return reply;
    if (theme !== undefined && !site.isTheme(theme)) {
      return notFound(reply, ctx, 'No such topic', `Paperboy has no topic called “${theme.slice(0, 60)}”.`);
    }
    const rep = await site.editionPage(date, theme);
    if (!rep) return notFound(reply, ctx, 'No edition that day', `There is no published edition for ${date}.`);
    void reply.header('content-security-policy', EDITION_CSP);
    return sendRepresentation(request, reply, rep, HTML);
  };
  app.get<{ Params: { date: string } }>(`${EDITIONS_PATH}/:date`, (request, reply) =>
    editionPage(request, reply, request.params.date),
  );
  app.get<{ Params: { date: string; theme: string } }>(`${EDITIONS_PATH}/:date/:theme`, (request, reply) =>
    editionPage(request, reply, request.params.date, request.params.theme),
  );

  await app.register(feedRoutes, { ctx, site });
};
