/**
 * The fake Resend as its own process for the delivery bench, parsing request bodies with the lean parser (so the fake
 * costs the 2-core machine as little as possible). Prints `{"event":"listening","url":...}` once it accepts
 * connections; stops on SIGTERM or SIGINT.
 *
 *   tsx bench/fake-resend-lean.ts [--port N]
 */
import { parseArgs } from 'node:util';
import { startFakeResend } from '../test/support/fake-resend.ts';
import { parseLeanJson } from './lean-json.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const server = await startFakeResend({ port: Number(values.port), parseBody: parseLeanJson });
process.stdout.write(`${JSON.stringify({ event: 'listening', url: server.url, port: server.port })}\n`);

const stop = (): void => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
