/** Writing an answer and noting it on the request's record. */
import type { ServerResponse } from 'node:http';
import type { Outcome, RecordedRequest } from './types.ts';

/** Sends `outcome` as JSON (unless the connection is gone) and records its status and error name. */
export function respond(
  res: ServerResponse,
  record: RecordedRequest,
  outcome: Outcome,
  extra: Record<string, string>,
): void {
  if (res.destroyed) return;
  const text = JSON.stringify(outcome.body);
  record.status = outcome.status;
  const name = (outcome.body as { name?: unknown }).name;
  if (outcome.status >= 400 && typeof name === 'string') record.errorName = name;
  res.writeHead(outcome.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...extra,
    ...outcome.headers,
  });
  res.end(text);
}
