import Fastify from 'fastify';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SAMPLE_PROFILES, SAMPLE_RECIPIENT } from '../../../templates/preview-data.ts';
import type { Config } from '../../config/index.ts';
import { composeDigest } from '../../digest/index.ts';
import { buildListHeaders } from '../../mail/index.ts';
import { isEditionDate } from '../../shared/dates.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Edition } from '../../themes/index.ts';
import type { DigestEmailProps, RenderedEmail } from '../types.ts';
import { errorPage, indexPage, viewPage } from './pages.ts';
import type { TemplateListing, WorkerResponse } from './protocol.ts';
import { RenderClient } from './render-client.ts';
import { watchTemplates } from './watch-templates.ts';

/** Where stored editions come from (the CLI passes Redis-backed functions; tests may pass their own). */
export interface EditionSource {
  load(date: string): Promise<Edition | null>;
  recent(): Promise<string[]>;
}

export interface PreviewServerOptions {
  config: Pick<Config, 'mail' | 'web'>;
  /** Default: config.web.previewPort; 0 picks a free port. */
  port?: number;
  /** Default: 127.0.0.1 (the preview is a local tool). */
  host?: string;
  editions?: EditionSource;
  /** Default: the repository's templates/ folder. */
  templatesDir?: string;
  logger?: Logger;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));
const paramsSchema = z.object({
  template: z.string().regex(/^[a-z0-9-]+$/),
  engine: z.enum(['react', 'mjml']),
  sample: z.string().regex(/^[a-z0-9-]+$/),
});
const querySchema = z.object({
  date: z.string().refine(isEditionDate, { message: 'expected a date written YYYY-MM-DD' }).optional(),
});

/**
 * Serves every template x engine x sample profile on localhost, rendered by a worker process that is replaced
 * whenever a file under templates/ changes; open pages reload themselves over Server-Sent Events.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { config } = options;
  const client = new RenderClient();
  const streams = new Set<ServerResponse>();
  void client.restart().catch(() => undefined);
  const stopWatching = watchTemplates(options.templatesDir ?? TEMPLATES_DIR, (file) => {
    options.logger?.info({ file }, 'template changed; reloading');
    void client.restart().catch(() => undefined);
    for (const res of streams) res.write(`event: reload\ndata: ${JSON.stringify(file)}\n\n`);
  });

  async function renderFor(params: z.infer<typeof paramsSchema>, date: string | undefined) {
    if (!date) return client.request({ kind: 'sample', ...params });
    if (params.template !== 'digest') throw new Error('?date= applies to the digest only');
    const prefs = SAMPLE_PROFILES[params.sample];
    if (!prefs) throw new Error(`no sample profile "${params.sample}"`);
    const edition = options.editions ? await options.editions.load(date) : null;
    if (!edition) throw new Error(`no stored edition for ${date}`);
    const composed = composeDigest(edition, prefs, { skipEmpty: false });
    if (composed.kind === 'skip') throw new Error(`nothing to send to this profile: ${composed.reason}`);
    const props: DigestEmailProps = {
      digest: composed.digest,
      context: { postalAddress: config.mail.postalAddress, publicBaseUrl: config.web.publicBaseUrl },
      links: { ...SAMPLE_RECIPIENT },
    };
    return client.request({ kind: 'digest', engine: params.engine, props });
  }

  function headersFor(template: string, email: RenderedEmail): Record<string, string> {
    const headers: Record<string, string> = { From: config.mail.from, To: 'reader@example.org' };
    if (config.mail.replyTo) headers['Reply-To'] = config.mail.replyTo;
    if (template === 'digest') {
      Object.assign(
        headers,
        buildListHeaders({
          unsubscribeUrl: SAMPLE_RECIPIENT.unsubscribeUrl,
          mailto: config.mail.unsubscribeMailto,
          listId: config.mail.listId,
        }),
      );
    }
    headers['Content-Type'] = `multipart/alternative (text ${email.text.length} chars, html)`;
    return headers;
  }

  const app = Fastify({ logger: false });

  app.get('/', async (_req, reply) => {
    const listing = await client.request({ kind: 'list' });
    const templates: TemplateListing[] = listing.ok && 'templates' in listing ? listing.templates : [];
    const dates = options.editions ? await options.editions.recent().catch(() => []) : [];
    const html =
      listing.ok || templates.length > 0 ? indexPage(templates, dates) : errorPage('templates', listing.error);
    return reply.type('text/html; charset=utf-8').send(html);
  });

  app.get('/view/:template/:engine/:sample', async (req, reply) => {
    const params = paramsSchema.safeParse(req.params);
    const query = querySchema.safeParse(req.query);
    if (!params.success || !query.success)
      return reply.code(400).type('text/plain').send('bad template, engine, sample or date');
    const title = `${params.data.template} · ${params.data.engine} · ${params.data.sample}`;
    const result = await renderFor(params.data, query.data.date).catch((e: unknown) => errorOf(e));
    if (!result.ok || !('email' in result))
      return reply.type('text/html; charset=utf-8').send(errorPage(title, failure(result)));
    const headers = headersFor(params.data.template, result.email);
    return reply
      .type('text/html; charset=utf-8')
      .send(viewPage({ ...params.data, date: query.data.date, email: result.email, headers, ms: result.ms }));
  });

  app.get('/raw/:template/:engine/:file', async (req, reply) => {
    const { file, ...rest } = req.params as Record<string, string>;
    const m = /^([a-z0-9-]+)\.(html|txt)$/.exec(file ?? '');
    const params = paramsSchema.safeParse({ ...rest, sample: m?.[1] });
    const query = querySchema.safeParse(req.query);
    if (!m || !params.success || !query.success) return reply.code(400).type('text/plain').send('bad request');
    const result = await renderFor(params.data, query.data.date).catch((e: unknown) => errorOf(e));
    if (!result.ok || !('email' in result)) return reply.code(500).type('text/plain').send(failure(result));
    // An email never runs scripts; the preview makes sure of it.
    void reply.header('content-security-policy', "script-src 'none'; object-src 'none'");
    return m[2] === 'txt'
      ? reply.type('text/plain; charset=utf-8').send(result.email.text)
      : reply.type('text/html; charset=utf-8').send(result.email.html);
  });

  app.get('/events', (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    req.raw.on('close', () => streams.delete(res));
  });

  const address = await app.listen({ port: options.port ?? config.web.previewPort, host: options.host ?? '127.0.0.1' });
  return {
    url: address.replace('[::1]', 'localhost'),
    close: async () => {
      stopWatching();
      for (const res of streams) res.end();
      streams.clear();
      client.close();
      await app.close();
    },
  };
}

function errorOf(error: unknown): WorkerResponse {
  return { id: 0, ok: false, error: error instanceof Error ? error.message : String(error) };
}

function failure(result: WorkerResponse): string {
  return result.ok ? 'unexpected worker answer' : result.error;
}
