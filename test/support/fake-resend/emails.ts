/** The two endpoints that send: POST /emails (one email) and POST /emails/batch (strict or permissive). */
import { quotaError, type QuotaCounter } from './limits.ts';
import type { Recorder } from './recorder.ts';
import { errorOutcome, type Outcome, type RecordedRequest } from './types.ts';
import { MAX_BATCH, recipientsOf, validateEmail, type Verdict } from './validate.ts';

export interface EmailsDeps {
  recorder: Recorder;
  quota: QuotaCounter;
  rejectedDomains: readonly string[];
}

/** Checks the quota for the valid emails, then accepts them; the ids in request order, or the quota's answer. */
function send(deps: EmailsDeps, emails: Record<string, unknown>[], record: RecordedRequest): string[] | Outcome {
  const count = emails.reduce((n, e) => n + recipientsOf(e).length, 0);
  const over = deps.quota.check(record.at, count);
  if (over) return quotaError(over);
  deps.quota.use(count);
  return deps.recorder.accept(emails, record);
}

function single(deps: EmailsDeps, body: unknown, record: RecordedRequest): Outcome {
  record.emails = 1;
  const verdict = validateEmail(body, deps.rejectedDomains);
  if (verdict) return errorOutcome(422, verdict.name, verdict.message);
  const ids = send(deps, [body as Record<string, unknown>], record);
  return Array.isArray(ids) ? { status: 200, body: { id: ids[0] } } : ids;
}

function batch(deps: EmailsDeps, body: unknown, record: RecordedRequest): Outcome {
  if (!Array.isArray(body))
    return errorOutcome(422, 'validation_error', 'The request body must be an array of emails.');
  record.emails = body.length;
  if (body.length === 0) return errorOutcome(422, 'validation_error', 'The batch must contain at least one email.');
  const permissive = record.batchValidation === 'permissive';
  if (!permissive && body.length > MAX_BATCH) {
    return errorOutcome(422, 'validation_error', `Too many emails in the batch: at most ${MAX_BATCH}.`);
  }
  const valid: Record<string, unknown>[] = [];
  const errors: { index: number; message: string }[] = [];
  for (let index = 0; index < body.length; index++) {
    // Permissive mode reports the emails past the limit one by one (Resend's batch-validation-modes page).
    const verdict: Verdict =
      index >= MAX_BATCH
        ? { name: 'validation_error', message: `The batch exceeds ${MAX_BATCH} emails.` }
        : validateEmail(body[index], deps.rejectedDomains);
    if (verdict && !permissive) return errorOutcome(422, verdict.name, verdict.message);
    if (verdict) errors.push({ index, message: verdict.message });
    else valid.push(body[index] as Record<string, unknown>);
  }
  const ids = send(deps, valid, record);
  if (!Array.isArray(ids)) return ids;
  const data = ids.map((id) => ({ id }));
  return { status: 200, body: permissive ? { data, errors } : { data } };
}

/** Validates and (if valid) accepts the request's emails; returns the answer. */
export function processEmails(deps: EmailsDeps, path: string, body: unknown, record: RecordedRequest): Outcome {
  return path === '/emails' ? single(deps, body, record) : batch(deps, body, record);
}
