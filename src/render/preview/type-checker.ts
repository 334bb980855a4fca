import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TypeCheckMessage, TypeProblem } from './type-check-protocol.ts';

const WORKER = fileURLToPath(new URL('./type-check-worker.ts', import.meta.url));

/** What the page shows about types: still checking, unavailable, or the problems found (none: all well). */
export type TypeCheckState =
  | { status: 'checking' }
  | { status: 'unavailable'; reason: string }
  | { status: 'done'; problems: TypeProblem[]; ms: number };

/**
 * Type-checks the templates in a child process (a cold check takes seconds and must not stall the server): `check()`
 * after each edit; checks asked for while one runs collapse into one more. `onResult` hears every finished check.
 */
export class TypeChecker {
  private readonly child: ChildProcess;
  private nextId = 1;
  private running: number | undefined;
  private again = false;
  state: TypeCheckState = { status: 'checking' };

  constructor(
    templatesDir: string,
    tsconfig: string,
    loader: string,
    private readonly onResult: (state: TypeCheckState) => void,
  ) {
    this.child = fork(WORKER, [templatesDir, tsconfig], {
      execArgv: ['--import', loader],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (raw: TypeCheckMessage) => this.receive(raw));
    this.child.on('exit', () => {
      if (this.state.status === 'checking') this.finish({ status: 'unavailable', reason: 'the type checker stopped' });
    });
  }

  /** Checks the templates again (now, or right after the check that is running). */
  check(): void {
    this.state = { status: 'checking' };
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = this.nextId++;
    if (this.child.connected) this.child.send({ id: this.running });
  }

  private receive(msg: TypeCheckMessage): void {
    if ('unavailable' in msg) return this.finish({ status: 'unavailable', reason: msg.unavailable });
    if (!('id' in msg) || msg.id !== this.running) return;
    this.running = undefined;
    if (this.again) {
      this.again = false;
      return this.check();
    }
    this.finish({ status: 'done', problems: msg.problems, ms: msg.ms });
  }

  private finish(state: TypeCheckState): void {
    this.state = state;
    this.onResult(state);
  }

  close(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
  }
}
