import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../context.ts';
import { sendRepresentation } from '../editions/conditional.ts';
import type { EditionSite } from '../editions/site.ts';
import { FEED_FORMATS, parseFeedName } from '../feeds/paths.ts';
import { html } from '../html.ts';
import { messageBody } from '../pages/message.ts';
import { sendPage } from '../respond.ts';
import { allowPublicRead } from '../editions/public-read.ts';

/**
 * GET /feeds/<scope>.<rss|atom|json>: the newest editions as RSS 2.0, Atom or JSON Feed 1.1, for every theme
 * (`all`) or one theme (its id). One item per edition, linking to its web page.
 */
export const feedRoutes: FastifyPluginAsync<{ ctx: WebContext; site: EditionSite }> = (app, { ctx, site }) => {
  app.get<{ Params: { name: string } }>('/feeds/:name', async (request, reply) => {
    const name = parseFeedName(request.params.name);
    const scope = name && site.scopes().find((s) => s.id === name.scope);
    if (!name || !scope) {
      return sendPage(reply, ctx, {
        status: 404,
        title: 'No such feed',
        body: messageBody({
          heading: 'No such feed',
          text: 'Feeds are at /feeds/all.rss, /feeds/all.atom and /feeds/all.json, or the same for one topic.',
          tone: 'error',
          extra: html`<p><a href="/editions">All editions and their feeds</a></p>`,
        }),
      });
    }
    if (!(await allowPublicRead(ctx, request, reply))) return reply;
    const rep = await site.feed(scope, name.format);
    return sendRepresentation(request, reply, rep, FEED_FORMATS[name.format].contentType);
  });
  return Promise.resolve();
};
