import Fastify from 'fastify';
import type { ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SAMPLE_PROFILES, SAMPLE_RECIPIENT } from '../../../templates/preview-data.ts';
import type { Config } from '../../config/index.ts';
import { composeDigest } from '../../digest/index.ts';
import { isEditionDate } from '../../shared/dates.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Edition } from '../../themes/index.ts';
import type { DigestEmailProps, TemplateEngine } from '../types.ts';
import { previewHeaders } from './headers.ts';
import { errorPage, indexPage, liveKey, viewPage, type EngineResult, type LiveState } from './pages.ts';
import type { WorkerResponse } from './protocol.ts';
import { RenderClient, TemplateLoadError, tsxLoader } from './render-client.ts';
import { withScheme } from './scheme.ts';
import type { Problem } from './source-location.ts';
import { TypeChecker } from './type-checker.ts';
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
  /** The templates to render and watch (a folder laid out like templates/). Default: the repository's templates/. */
  templatesDir?: string;
  /** Type-check the templates after each edit (default true; needs the typescript dev dependency). */
  typeCheck?: boolean;
  logger?: Logger;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));
const ENGINES = ['react', 'mjml'] as const;
const paramsSchema = z.object({
  template: z.string().regex(/^[a-z0-9-]+$/),
  engine: z.enum(ENGINES),
  sample: z.string().regex(/^[a-z0-9-]+$/),
});
const querySchema = z.object({
  date: z.string().refine(isEditionDate, { message: 'expected a date written YYYY-MM-DD' }).optional(),
  scheme: z.enum(['auto', 'light', 'dark']).default('auto'),
});
type Params = z.infer<typeof paramsSchema>;

/** The tsconfig.json of the project that holds the templates folder (the repository's, or a copy's own). */
function tsconfigFor(dir: string): string {
  const own = join(dirname(dir), 'tsconfig.json');
  return existsSync(own) ? own : fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
}

/** A failure that is not a template's (bad date, no stored edition, a worker that died) as a Problem. */
function problemOf(error: unknown): Problem {
  if (error instanceof TemplateLoadError) return error.problem;
  return { kind: 'runtime', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Serves every template x engine x sample profile on localhost, rendered by a worker process that is replaced
 * whenever a file under the templates folder changes, and type-checked by another; open pages reload themselves over
 * Server-Sent Events. Every failure is a page naming the template file and line, never a bare 500.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { config } = options;
  const dir = resolve(options.templatesDir ?? TEMPLATES_DIR);
  const client = new RenderClient(dir);
  const streams = new Set<ServerResponse>();
  const broadcast = (event: string, data: string) => {
    for (const res of streams) res.write(`event: ${event}\ndata: ${data}\n\n`);
  };
  // One more per template edit; pages carry the generation they were rendered from (see pages.ts).
  let generation = 0;
  const checker =
    options.typeCheck === false
      ? undefined
      : new TypeChecker(dir, tsconfigFor(dir), tsxLoader(), (state) =>
          broadcast('types', liveKey({ generation, types: state })),
        );
  // A page keeps the generation its request began in: a rendering that was under way when a file changed reloads.
  const live = (at: number): LiveState => ({ generation: at, types: checker?.state });
  checker?.check();
  void client.restart().catch(() => undefined);
  const stopWatching = watchTemplates(dir, (file) => {
    options.logger?.info({ file }, 'template changed; reloading');
    generation += 1;
    rendered.clear();
    void client.restart().catch(() => undefined);
    checker?.check();
    broadcast('reload', JSON.stringify(file));
  });

  // A view page shows each rendering up to three times (its side-by-side, mobile and dark frames): render once per
  // template x engine x sample (x date) until the next edit. Failures are not kept (a worker may have died).
  const rendered = new Map<string, Promise<EngineResult>>();
  function renderFor(params: Params, date: string | undefined): Promise<EngineResult> {
    const key = JSON.stringify([params.template, params.engine, params.sample, date ?? '']);
    let result = rendered.get(key);
    if (!result) {
      result = renderAnswer(params, date);
      rendered.set(key, result);
      void result.then((r) => {
        if (!r.ok && rendered.get(key) === result) rendered.delete(key);
      });
    }
    return result;
  }

  async function renderAnswer(params: Params, date: string | undefined): Promise<EngineResult> {
    const answer = await renderRequest(params, date).catch((e: unknown): WorkerResponse => ({
      id: 0,
      ok: false,
      error: '',
      problem: problemOf(e),
    }));
    if (answer.ok && 'email' in answer) return { ok: true, email: answer.email, ms: answer.ms };
    if (answer.ok) return { ok: false, problem: { kind: 'runtime', message: 'unexpected worker answer' } };
    return { ok: false, problem: answer.problem ?? { kind: 'runtime', message: answer.error } };
  }

  async function renderRequest(params: Params, date: string | undefined): Promise<WorkerResponse> {
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

  const app = Fastify({ logger: false });
  const html = 'text/html; charset=utf-8';

  app.get('/', async (_req, reply) => {
    const at = generation;
    try {
      const listing = await client.request({ kind: 'list' });
      if (!listing.ok)
        return reply
          .type(html)
          .send(errorPage('templates', listing.problem ?? problemOf(new Error(listing.error)), live(at)));
      const templates = 'templates' in listing ? listing.templates : [];
      const dates = options.editions ? await options.editions.recent().catch(() => []) : [];
      return reply.type(html).send(indexPage(templates, dates, live(at)));
    } catch (error) {
      return reply.type(html).send(errorPage('templates', problemOf(error), live(at)));
    }
  });

  app.get('/types', () => checker?.state ?? { status: 'unavailable', reason: 'type check off' });

  app.get('/view/:template/:engine/:sample', async (req, reply) => {
    const at = generation;
    const params = paramsSchema.safeParse(req.params);
    const query = querySchema.safeParse(req.query);
    if (!params.success || !query.success)
      return reply.code(400).type('text/plain').send('bad template, engine, sample or date');
    const { date } = query.data;
    const title = `${params.data.template} · ${params.data.engine} · ${params.data.sample}`;
    const [react, mjml] = await Promise.all(ENGINES.map((engine) => renderFor({ ...params.data, engine }, date)));
    const results: Record<TemplateEngine, EngineResult> = { react: react!, mjml: mjml! };
    const primary = results[params.data.engine];
    if (!primary.ok) return reply.type(html).send(errorPage(title, primary.problem, live(at)));
    const headers = previewHeaders(config.mail, params.data.template, primary.email.text, date);
    return reply.type(html).send(viewPage({ ...params.data, date, results, headers, live: live(at) }));
  });

  app.get('/raw/:template/:engine/:file', async (req, reply) => {
    const { file, ...rest } = req.params as Record<string, string>;
    const m = /^([a-z0-9-]+)\.(html|txt)$/.exec(file ?? '');
    const params = paramsSchema.safeParse({ ...rest, sample: m?.[1] });
    const query = querySchema.safeParse(req.query);
    if (!m || !params.success || !query.success) return reply.code(400).type('text/plain').send('bad request');
    const result = await renderFor(params.data, query.data.date);
    if (!result.ok) return reply.code(500).type('text/plain; charset=utf-8').send(result.problem.message);
    // An email never runs scripts; the preview makes sure of it.
    void reply.header('content-security-policy', "script-src 'none'; object-src 'none'");
    return m[2] === 'txt'
      ? reply.type('text/plain; charset=utf-8').send(result.email.text)
      : reply.type(html).send(withScheme(result.email.html, query.data.scheme));
  });

  app.get('/events', (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(`event: hello\ndata: ${liveKey(live(generation))}\n\n`);
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
      checker?.close();
      await app.close();
    },
  };
}
