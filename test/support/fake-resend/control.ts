/**
 * The control endpoints (no auth, never recorded), for a fake running as its own process: GET /_stats,
 * GET /_messages?to=, POST /_reset, POST /_script, POST /_configure.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FailureStep, FakeResend, FakeResendSettings } from './types.ts';

export function control(
  fake: FakeResend,
  settings: FakeResendSettings,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  raw: Buffer,
): void {
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const parse = (): unknown => (raw.length === 0 ? {} : JSON.parse(raw.toString('utf8')));
  try {
    if (req.method === 'GET' && url.pathname === '/_stats') {
      return json(200, fake.stats({ byRecipient: url.searchParams.get('byRecipient') !== 'false' }));
    }
    if (req.method === 'GET' && url.pathname === '/_messages') {
      const to = url.searchParams.get('to');
      return json(200, to === null ? fake.messages : fake.messagesTo(to));
    }
    if (req.method === 'POST' && url.pathname === '/_reset') {
      fake.reset();
      return json(200, { ok: true });
    }
    if (req.method === 'POST' && url.pathname === '/_script') {
      const steps = parse();
      fake.script(...(Array.isArray(steps) ? (steps as FailureStep[]) : [steps as FailureStep]));
      return json(200, { ok: true });
    }
    if (req.method === 'POST' && url.pathname === '/_configure') {
      fake.configure(parse() as FakeResendSettings);
      return json(200, { ok: true, settings });
    }
    return json(404, { error: 'unknown control endpoint' });
  } catch (err) {
    return json(400, { error: String(err) });
  }
}
