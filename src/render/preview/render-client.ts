import { fork, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PaperboyError } from '../../shared/errors.ts';
import { workerMessageSchema, type WorkerRequest, type WorkerResponse } from './protocol.ts';
import type { Problem } from './source-location.ts';

const WORKER = fileURLToPath(new URL('./render-worker.ts', import.meta.url));

/**
 * The preview re-imports the .tsx templates on every edit, so its render worker runs through tsx, a development
 * dependency. Resolved when a preview starts, not on import: the production image (no dev dependencies) can still
 * load every command, e.g. for `--help`.
 */
export function tsxLoader(): string {
  try {
    return import.meta.resolve('tsx');
  } catch (error) {
    throw new PaperboyError('the template preview is a development tool: it needs the dev dependencies (npm ci)', {
      code: 'dev_dependency_missing',
      retryable: false,
      cause: error,
    });
  }
}

/** The templates could not be loaded (a syntax error, an import that fails): what and where. */
export class TemplateLoadError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = 'TemplateLoadError';
  }
}

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void };
type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/** One worker process: warm once its libraries are loaded, ready once it has imported the templates. */
class Worker {
  readonly child: ChildProcess;
  readonly warm: Promise<void>;
  ready: Promise<void> | undefined;
  readonly pending = new Map<number, Pending>();
  private stderr = '';
  private onReady: { resolve: () => void; reject: (e: Error) => void } | undefined;
  private exitError: Error | undefined;

  constructor(templatesDir: string) {
    this.child = fork(WORKER, [templatesDir], {
      execArgv: ['--import', tsxLoader()],
      // tsx compiles with the tsconfig.json of its working directory (JSX runtime, module kind): the templates'
      // project root, i.e. the folder that holds templates/.
      cwd: dirname(templatesDir),
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-8000);
    });
    this.warm = new Promise<void>((resolve, reject) => {
      this.child.on('message', (raw) => {
        const parsed = workerMessageSchema.safeParse(raw);
        if (!parsed.success) return;
        const msg = parsed.data;
        if ('warm' in msg) return resolve();
        if ('ready' in msg) return this.onReady?.resolve();
        if ('loadError' in msg) return this.onReady?.reject(new TemplateLoadError(msg.loadError));
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.resolve(msg);
      });
      this.child.on('exit', (code, signal) => {
        const error = new Error(
          `render worker exited (${signal ?? `code ${code}`})${this.stderr ? `:\n${this.stderr.trim()}` : ''}`,
        );
        this.exitError = error;
        reject(error);
        this.onReady?.reject(error);
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      });
    });
    this.warm.catch(() => undefined);
  }

  /** Imports the templates now (fresh: this process never loaded them before). */
  load(): Promise<void> {
    this.ready ??= this.warm.then(
      () =>
        new Promise<void>((resolve, reject) => {
          if (this.exitError) return reject(this.exitError);
          this.onReady = { resolve, reject };
          this.child.send({ kind: 'load' });
        }),
    );
    this.ready.catch(() => undefined);
    return this.ready;
  }

  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
  }
}

/**
 * Renders in a child process, so template edits show without restarting the server: `restart()` promotes a
 * standby worker (libraries already loaded, templates not yet) and starts the next standby. Requests made while a
 * worker loads wait for it; a request cut short by a restart is retried on the new worker.
 */
export class RenderClient {
  private current: Worker | undefined;
  private standby: Worker | undefined;
  private nextId = 1;
  private closed = false;

  /** `templatesDir`: the folder whose index.ts and preview-data.ts the workers import. */
  constructor(private readonly templatesDir: string) {}

  /** Replaces the worker with a fresh one; resolves when it has loaded the templates, rejects if it failed to. */
  restart(): Promise<void> {
    this.current?.stop();
    const next = this.standby ?? new Worker(this.templatesDir);
    this.current = next;
    this.standby = this.closed ? undefined : new Worker(this.templatesDir);
    return next.load();
  }

  /** Sends one request to the current worker (starting one if needed). */
  async request(body: RequestBody): Promise<WorkerResponse> {
    if (!this.current) void this.restart();
    const worker = this.current!;
    try {
      await worker.load();
      const id = this.nextId++;
      return await new Promise<WorkerResponse>((resolve, reject) => {
        worker.pending.set(id, { resolve, reject });
        const message: WorkerRequest = { ...body, id };
        worker.child.send(message);
      });
    } catch (error) {
      if (this.current && this.current !== worker) return this.request(body);
      throw error;
    }
  }

  /** Stops the workers. */
  close(): void {
    this.closed = true;
    this.current?.stop();
    this.standby?.stop();
    this.current = undefined;
    this.standby = undefined;
  }
}
