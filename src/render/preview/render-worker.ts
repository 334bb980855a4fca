// The preview's render worker: a child process that imports the templates fresh, so edits show without a restart.
// It preloads the heavy libraries at once but imports our templates only when told to ("load"): the server keeps
// one warm worker on standby and promotes it when a template changes, so a reload costs only our own modules.
import type {
  DigestEmailProps,
  RecipientVars,
  RenderedEmail,
  TemplateEngine,
  TemplateName,
  TemplateProps,
} from '../types.ts';
import type * as RenderIndex from '../index.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

await Promise.all([import('react'), import('@react-email/render'), import('@react-email/components'), import('mjml')]);

type RenderModule = typeof RenderIndex;
let loaded: { render: RenderModule; recipient: RecipientVars } | undefined;

function send(message: WorkerResponse | { ready: true } | { warm: true } | { loadError: string }): void {
  process.send?.(message);
}

async function load(): Promise<void> {
  const [render, data] = await Promise.all([import('../index.ts'), import('../../../templates/preview-data.ts')]);
  loaded = { render, recipient: data.SAMPLE_RECIPIENT };
}

// The production path: render once for the profile, then personalise for one (sample) recipient.
async function digestOnceThenPersonalise(props: DigestEmailProps, engine: TemplateEngine): Promise<RenderedEmail> {
  const { render: r, recipient } = loaded!;
  const once = await r.renderDigest(props.digest, props.context, engine);
  return r.personalise(once, props.links ?? recipient);
}

async function handle(req: WorkerRequest): Promise<WorkerResponse> {
  if (!loaded) throw new Error('worker not loaded');
  const r = loaded.render;
  if (req.kind === 'list') return { id: req.id, ok: true, templates: r.listTemplates() };
  const started = performance.now();
  let email: RenderedEmail;
  if (req.kind === 'sample') {
    const name = req.template as TemplateName;
    const props: unknown = r.getTemplate(name).samples[req.sample];
    if (props === undefined) throw new Error(`template "${req.template}" has no sample "${req.sample}"`);
    email =
      name === 'digest'
        ? await digestOnceThenPersonalise(props as DigestEmailProps, req.engine)
        : await r.render(name, props as TemplateProps[typeof name], req.engine);
  } else {
    email = await digestOnceThenPersonalise(req.props as DigestEmailProps, req.engine);
  }
  return { id: req.id, ok: true, email, ms: performance.now() - started };
}

process.on('message', (req: WorkerRequest | { kind: 'load' }) => {
  if (req.kind === 'load') {
    load().then(
      () => send({ ready: true }),
      (error: unknown) => send({ loadError: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
    return;
  }
  handle(req).then(send, (error: unknown) =>
    send({ id: req.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
send({ warm: true });
