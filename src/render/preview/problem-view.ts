import { createHash } from 'node:crypto';
import { escapeHtml as esc } from '../../../templates/components/clean.ts';
import type { Problem } from './source-location.ts';
import type { TypeCheckState } from './type-checker.ts';

const KIND: Record<Problem['kind'], string> = {
  syntax: 'Syntax error',
  runtime: 'The template threw',
  mjml: 'MJML is invalid',
  props: 'The sample props do not match the template',
};

/** `templates/<file>:<line>:<column>`, the way editors and terminals link it. */
function where(file: string, line: number, column: number): string {
  return `templates/${file}:${line}:${column}`;
}

/** A failure with its place in the template sources and a code frame, everything escaped. */
export function problemHtml(p: Problem, id = 'problem'): string {
  const at = p.location
    ? `<p class="where" data-role="where">${esc(where(p.location.file, p.location.line, p.location.column))}</p>`
    : '';
  return `<section class="problem" id="${esc(id)}"><h2 class="error">${esc(KIND[p.kind])}</h2>${at}
<pre class="error" data-role="message">${esc(p.message)}</pre>${p.frame ? `<pre class="frame" data-role="frame">${esc(p.frame)}</pre>` : ''}${p.note ? `<p class="note">${esc(p.note)}</p>` : ''}</section>`;
}

/** The type check's findings (or that it is still running), shown above every page. */
export function typesHtml(state: TypeCheckState | undefined): string {
  if (!state) return '';
  if (state.status === 'checking') return '<p class="note" id="types-status">Type-checking the templates…</p>';
  if (state.status === 'unavailable')
    return `<p class="note" id="types-status">No type check: ${esc(state.reason)}</p>`;
  if (state.problems.length === 0)
    return `<p class="ok" id="types-status">Templates type-check (${state.ms.toFixed(0)} ms)</p>`;
  const items = state.problems
    .map(
      (t) =>
        `<li><p class="where">${esc(where(t.file, t.line, t.column))}</p><pre class="error">${esc(t.message)}</pre><pre class="frame">${esc(t.frame)}</pre></li>`,
    )
    .join('');
  return `<section class="problem" id="types"><h2 class="error">Type errors in the templates (${state.problems.length})</h2><ul>${items}</ul></section>`;
}

/** A short key for a type check state: a page reloads when the server announces another one. */
export function typesKey(state: TypeCheckState | undefined): string {
  if (!state || state.status !== 'done') return state?.status ?? 'none';
  const digest = createHash('sha256').update(JSON.stringify(state.problems)).digest('hex').slice(0, 12);
  return `done-${state.problems.length}-${digest}`;
}
