import { createHash, timingSafeEqual } from 'node:crypto';
import basicAuth from '@fastify/basic-auth';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { recentEditions, type EditionOverview } from '../../pipeline/index.ts';
import { openQueues, stageJobId } from '../../queue/index.ts';
import type { WebContext } from '../context.ts';
import { html } from '../html.ts';
import { sendPage } from '../respond.ts';
import { refuseCrossSite } from '../same-origin.ts';

/** The one admin user name; the password is ADMIN_PASSWORD. */
export const ADMIN_USER = 'admin';
export const BOARD_PATH = '/admin/queues';

// Bull Board's page loads its own scripts and styles (and Google Fonts); this replaces the no-script page CSP there.
const BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
  "font-src 'self' https://fonts.gstatic.com data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Equal-time comparison of two strings (hashed first, so their lengths leak nothing either). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Puts every route of `app` (an encapsulated plugin) behind HTTP basic auth as `admin` / ADMIN_PASSWORD, with the
 * login guard: an address that keeps failing must wait longer and longer (429 with Retry-After) before it may try
 * again, while every other address logs in as usual. A wrong or missing login gets a plain 401 with a
 * `WWW-Authenticate` challenge, whatever error handler the route has.
 */
export async function requireAdmin(app: FastifyInstance, ctx: WebContext, password: string): Promise<void> {
  const guard = ctx.loginGuard;
  // What the guard knew about the request's address when it arrived.
  const loginFailures = new WeakMap<FastifyRequest, number>();
  await app.register(basicAuth, {
    validate: async (username: string, given: string, request: FastifyRequest) => {
      // Both compared every time, so a wrong user name takes as long as a wrong password.
      const userOk = sameSecret(username, ADMIN_USER);
      const passOk = sameSecret(given, password);
      if (!userOk || !passOk) {
        await guard.failed(request.ip);
        return Promise.reject(new Error('Unauthorized'));
      }
      if (loginFailures.get(request)) await guard.succeeded(request.ip);
    },
    authenticate: { realm: 'Paperboy admin' },
  });
  app.addHook('onRequest', async (request, reply) => {
    // A request without credentials only fetches the challenge (a browser always starts so): nothing to guard.
    if (request.headers.authorization !== undefined) {
      const { waitSeconds, failures } = await guard.status(request.ip);
      if (waitSeconds > 0) {
        return reply
          .code(429)
          .header('retry-after', String(waitSeconds))
          .type('text/plain; charset=utf-8')
          .send(`Too many failed logins from this address. Try again in ${waitSeconds} s.\n`);
      }
      loginFailures.set(request, failures);
    }
    const error = await new Promise<Error | undefined>((resolve) => app.basicAuth(request, reply, resolve));
    if (error) return reply.code(401).type('text/plain; charset=utf-8').send('Authentication required\n');
  });
}

function editionsPage(rows: EditionOverview[]) {
  const board = (path: string) => `${BOARD_PATH}${path}`;
  const body = rows.map((r) => {
    const failed = r.counts.failed ?? 0;
    return html`<tr>
      <td class="date"><a href="${board(`/queue/edition/${stageJobId(r.date, 'finish')}`)}">${r.date}</a></td>
      <td class="papers">${r.papers ?? '–'}</td>
      <td class="state">${r.state}</td>
      <td class="sent">${r.counts.sent ?? 0}</td>
      <td class="failed">${failed > 0 ? html`<a href="${board('/queue/send?status=failed')}">${failed}</a>` : 0}</td>
      <td class="pending">${(r.counts.queued ?? 0) + (r.counts.sending ?? 0)}</td>
      <td class="skipped">${r.counts.skipped ?? 0}</td>
    </tr>`;
  });
  return html`<h1>Editions</h1>
    <p>
      <a href="${BOARD_PATH}">Queues dashboard</a> · <a href="${board('/queue/edition')}">edition queue</a> ·
      <a href="${board('/queue/send?status=failed')}">failed send jobs</a>
    </p>
    ${
      rows.length === 0
        ? html`<p>No edition has been built yet.</p>`
        : html`<table id="editions">
            <thead>
              <tr>
                <th>Date</th>
                <th>Papers</th>
                <th>Edition job</th>
                <th>Sent</th>
                <th>Failed</th>
                <th>Pending</th>
                <th>Skipped</th>
              </tr>
            </thead>
            <tbody>
              ${body}
            </tbody>
          </table>`
    }
    <p>Retry failed deliveries with <code>paperboy deliveries retry --date YYYY-MM-DD</code>.</p>`;
}

/**
 * The operators' dashboard, behind basic auth with ADMIN_PASSWORD: Bull Board for both queues at /admin/queues
 * (inspect jobs, read their logs, retry failed ones) and /admin, the recent editions with their delivery counts.
 * Without ADMIN_PASSWORD nothing is mounted and the log says why.
 */
export const adminRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  const password = ctx.deps.config.adminPassword;
  if (!password) {
    ctx.deps.logger.warn('ADMIN_PASSWORD is not set: the admin dashboard (/admin, /admin/queues) is not mounted');
    return;
  }
  const queues = openQueues(ctx.deps.redis, ctx.deps.keyspace);
  app.addHook('onClose', async () => {
    await queues.close();
  });
  await requireAdmin(app, ctx, password);
  // Browsers attach cached basic-auth credentials to cross-site requests too: only our own pages may change state.
  app.addHook('onRequest', refuseCrossSite(ctx.deps.config.web.publicBaseUrl));

  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: [queues.edition, queues.send, queues.transactional].map((q) => new BullMQAdapter(q)),
    // @bull-board/fastify 9.10.1 pins its own copy of @bull-board/api 9.10.1: same shape, separately declared types.
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Paperboy', hideDocsLink: true } },
  });
  await app.register(
    async (board) => {
      // The board's API takes JSON only; a cross-site <form> can also send text/plain, so that is refused (415).
      board.removeContentTypeParser('text/plain');
      board.addHook('onSend', (_request, reply, payload, done) => {
        if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
          void reply.header('content-security-policy', BOARD_CSP);
        }
        done(null, payload);
      });
      await board.register(serverAdapter.registerPlugin());
    },
    { prefix: BOARD_PATH },
  );

  app.get('/admin', async (_request, reply) => {
    const rows = await recentEditions(ctx.deps.redis, ctx.deps.keyspace, queues, 14);
    return sendPage(reply, ctx, { title: 'Editions', body: editionsPage(rows) });
  });
};
