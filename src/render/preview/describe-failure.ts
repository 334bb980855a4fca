// Turns whatever a template threw into a Problem the preview page can show: what went wrong and where in the
// template sources (never a stack into the renderer).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  frameAt,
  mjmlOrigin,
  stackLocation,
  syntaxLocation,
  type Problem,
  type SourceFile,
} from './source-location.ts';

interface MjmlIssue {
  line: number;
  message: string;
  tagName?: string;
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 10; e = (e as { cause?: unknown }).cause)
    chain.push(e);
  return chain;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function mjmlIssues(error: unknown): MjmlIssue[] | undefined {
  for (const e of causes(error)) {
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.every((x) => typeof (x as MjmlIssue).line === 'number'))
      return errors as MjmlIssue[];
  }
  return undefined;
}

/** Every *.mjml.ts file under `dir`. */
function mjmlSources(dir: string): SourceFile[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mjml.ts'))
    .map((f) => ({ file: f.split('\\').join('/'), text: readFileSync(join(dir, f), 'utf8') }));
}

export interface FailureContext {
  /** The templates folder the sources are read from. */
  dir: string;
  /** The MJML source the failing render compiled, when it got that far. */
  mjmlSource?: (() => string) | undefined;
}

/**
 * A failure of loading or rendering a template, located in the templates folder where possible: a syntax error at
 * its file:line:column, a thrown error at the template's frame of its (source-mapped) stack, an MJML validation error
 * at the *.mjml.ts line that wrote the offending tag, a props error as the schema's message naming the field.
 */
export function describeFailure(error: unknown, ctx: FailureContext): Problem {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const syntax = syntaxLocation(text, ctx.dir);
  if (syntax) {
    const { message, ...location } = syntax;
    return { kind: 'syntax', message: `SyntaxError: ${message}`, location, frame: frameAt(ctx.dir, location) };
  }
  if ((error as { code?: string }).code === 'validation_error') {
    return { kind: 'props', message: (error as Error).message };
  }
  const issues = mjmlIssues(error);
  if (issues && issues.length > 0) {
    const source = safely(ctx.mjmlSource);
    const sources = source === undefined ? [] : mjmlSources(ctx.dir);
    const first = issues[0]!;
    const location = source === undefined ? undefined : mjmlOrigin(source, first.line, first.tagName, sources);
    return {
      kind: 'mjml',
      message: issues.map((i) => `MJML: <${i.tagName ?? '?'}>: ${i.message}`).join('\n'),
      location,
      frame: location && frameAt(ctx.dir, location),
      note: location
        ? `line ${first.line} of the generated MJML, traced to the *.mjml.ts markup that writes <${first.tagName ?? '?'}>`
        : `line ${first.line} of the generated MJML (no *.mjml.ts line writes that markup)`,
    };
  }
  const chain = causes(error);
  for (const e of chain) {
    const stack = e instanceof Error ? e.stack : undefined;
    const location = stack ? stackLocation(stack, ctx.dir) : undefined;
    if (location) {
      const innermost = chain[chain.length - 1];
      return { kind: 'runtime', message: messageOf(innermost), location, frame: frameAt(ctx.dir, location) };
    }
  }
  return { kind: 'runtime', message: messageOf(error) };
}

function safely(f: (() => string) | undefined): string | undefined {
  try {
    return f?.();
  } catch {
    return undefined;
  }
}
