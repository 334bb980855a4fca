/**
 * The fake Resend as its own process, for crash and rate tests where workers are killed and restarted:
 *
 *   tsx test/support/fake-resend-main.ts --port 4010 [--rate 5] [--api-key re_x] [--daily-quota N]
 *     [--monthly-quota N] [--latency-ms N] [--keep-bodies]
 *
 * Prints one JSON line `{"event":"listening","url":...,"port":...}` on stdout once it accepts connections, then serves
 * the API plus GET /_stats (counts per recipient, requests, per-second histogram), GET /_messages?to=, POST /_reset,
 * POST /_script and POST /_configure until SIGTERM or SIGINT.
 */
import { parseArgs } from 'node:util';
import { startFakeResend } from './fake-resend.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'api-key': { type: 'string' },
    rate: { type: 'string' },
    'daily-quota': { type: 'string' },
    'monthly-quota': { type: 'string' },
    'latency-ms': { type: 'string' },
    'keep-bodies': { type: 'boolean', default: false },
  },
});

function num(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: expected a non-negative number, got "${value}"`);
  return n;
}

const server = await startFakeResend({
  host: values.host,
  port: num('port', values.port) ?? 0,
  ...(values['api-key'] === undefined ? {} : { apiKey: values['api-key'] }),
  rateLimit: num('rate', values.rate),
  dailyQuota: num('daily-quota', values['daily-quota']),
  monthlyQuota: num('monthly-quota', values['monthly-quota']),
  latencyMs: num('latency-ms', values['latency-ms']),
  keepBodies: values['keep-bodies'],
});

process.stdout.write(`${JSON.stringify({ event: 'listening', url: server.url, port: server.port })}\n`);

const stop = (): void => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
