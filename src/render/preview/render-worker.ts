// The preview's render worker: a child process that imports the templates fresh, so edits show without a restart.
// It preloads the heavy libraries at once but imports the templates only when told to ("load"): the server keeps
// one warm worker on standby and promotes it when a template changes, so a reload costs only our own modules.
// The templates come from the folder named by argv[2] (the repository's templates/ unless the server was given
// another), and every failure goes back as a Problem that names the template file and line.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as TemplatesIndex from '../../../templates/index.ts';
import type { EmailTemplate } from '../../../templates/types.ts';
import type * as PreviewData from '../../../templates/preview-data.ts';
import type * as RenderIndex from '../index.ts';
import type { DigestEmailProps, RenderedEmail, TemplateEngine } from '../types.ts';
import { describeFailure } from './describe-failure.ts';
import type { WorkerMessage, WorkerRequest, WorkerResponse } from './protocol.ts';

const dir = process.argv[2] ?? '';

await Promise.all([import('react'), import('@react-email/render'), import('@react-email/components'), import('mjml')]);

type Registry = (typeof TemplatesIndex)['templates'];
/** A template of any props: the worker passes each one the props it brings (its samples) or the server composed. */
type AnyTemplate = EmailTemplate<unknown>;
let loaded:
  { render: typeof RenderIndex; templates: Registry; recipient: (typeof PreviewData)['SAMPLE_RECIPIENT'] } | undefined;

function send(message: WorkerMessage): void {
  process.send?.(message);
}

async function load(): Promise<void> {
  const from = (file: string) => pathToFileURL(join(dir, file)).href;
  const [render, index, data] = await Promise.all([
    import('../index.ts'),
    import(from('index.ts')) as Promise<typeof TemplatesIndex>,
    import(from('preview-data.ts')) as Promise<typeof PreviewData>,
  ]);
  loaded = { render, templates: index.templates, recipient: data.SAMPLE_RECIPIENT };
}

function templateNamed(name: string): AnyTemplate {
  const templates = loaded!.templates;
  if (!Object.hasOwn(templates, name)) throw new Error(`no template "${name}"`);
  return templates[name as keyof Registry];
}

/** The production path for the digest: render once for the profile, then personalise for one (sample) recipient. */
async function renderEmail(template: AnyTemplate, props: unknown, engine: TemplateEngine): Promise<RenderedEmail> {
  const r = loaded!.render;
  if (template.name !== 'digest') return r.renderTemplate(template, props, engine);
  const digest = props as DigestEmailProps;
  const once = await r.renderTemplate(template, { ...digest, links: r.PLACEHOLDER_LINKS }, engine);
  return r.personalise(once, digest.links ?? loaded!.recipient);
}

async function handle(req: WorkerRequest): Promise<WorkerResponse> {
  if (!loaded) throw new Error('worker not loaded');
  if (req.kind === 'list') {
    const templates = (Object.values(loaded.templates) as AnyTemplate[]).map((t) => ({
      name: t.name,
      description: t.description,
      samples: Object.keys(t.samples),
    }));
    return { id: req.id, ok: true, templates };
  }
  const template = templateNamed(req.kind === 'digest' ? 'digest' : req.template);
  let props: unknown = req.kind === 'digest' ? req.props : undefined;
  if (req.kind === 'sample') {
    props = (template.samples as Record<string, unknown>)[req.sample];
    if (props === undefined) throw new Error(`template "${req.template}" has no sample "${req.sample}"`);
  }
  const started = performance.now();
  try {
    const email = await renderEmail(template, props, req.engine);
    return { id: req.id, ok: true, email, ms: performance.now() - started };
  } catch (error) {
    const problem = describeFailure(error, { dir, mjmlSource: () => template.mjml(props) });
    return { id: req.id, ok: false, error: problem.message, problem };
  }
}

process.on('message', (req: WorkerRequest | { kind: 'load' }) => {
  if (req.kind === 'load') {
    load().then(
      () => send({ ready: true }),
      (error: unknown) => send({ loadError: describeFailure(error, { dir }) }),
    );
    return;
  }
  handle(req).then(send, (error: unknown) => {
    const problem = describeFailure(error, { dir });
    send({ id: req.id, ok: false, error: problem.message, problem });
  });
});
process.on('disconnect', () => process.exit(0));
send({ warm: true });
