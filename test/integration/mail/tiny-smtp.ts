/**
 * Just enough of an SMTP server (RFC 5321) to test the SMTP transport: EHLO/HELO, optional AUTH, MAIL, RCPT, DATA,
 * RSET, NOOP, QUIT. Recipients steer it: a local part containing `reject` gets 550 at RCPT, `defer` gets 451,
 * `spam` gets 554 after DATA. `dropConnections` closes every connection at once; `rejectAuth` answers AUTH with 535.
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface TinySmtp {
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedMail[];
  /** Connections opened so far. */
  readonly connections: number;
  close(): Promise<void>;
}

export interface TinySmtpOptions {
  dropConnections?: boolean;
  rejectAuth?: boolean;
}

export async function startTinySmtp(options: TinySmtpOptions = {}): Promise<TinySmtp> {
  const received: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;

  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (options.dropConnections) {
      socket.destroy();
      return;
    }
    const say = (line: string) => socket.write(`${line}\r\n`);
    let buffer = '';
    let inData = false;
    let data: string[] = [];
    let from = '';
    let to: string[] = [];
    say('220 tiny-smtp ESMTP ready');

    const command = (line: string): void => {
      const verb = line.slice(0, 4).toUpperCase();
      const arg = line.slice(5);
      if (verb === 'EHLO') {
        socket.write(
          options.rejectAuth
            ? '250-tiny-smtp\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n'
            : '250-tiny-smtp\r\n250 8BITMIME\r\n',
        );
      } else if (verb === 'HELO') say('250 tiny-smtp');
      else if (verb === 'AUTH') say('535 5.7.8 Authentication credentials invalid');
      else if (verb === 'MAIL') {
        from = /<([^>]*)>/.exec(arg)?.[1] ?? '';
        to = [];
        say('250 2.1.0 OK');
      } else if (verb === 'RCPT') {
        const rcpt = /<([^>]*)>/.exec(arg)?.[1] ?? '';
        const local = rcpt.split('@')[0] ?? '';
        if (local.includes('reject')) say('550 5.1.1 No such user here');
        else if (local.includes('defer')) say('451 4.3.0 Mailbox busy, try again later');
        else {
          to.push(rcpt);
          say('250 2.1.5 OK');
        }
      } else if (verb === 'DATA') {
        inData = true;
        data = [];
        say('354 End data with <CR><LF>.<CR><LF>');
      } else if (verb === 'RSET') {
        from = '';
        to = [];
        say('250 2.0.0 OK');
      } else if (verb === 'NOOP') say('250 2.0.0 OK');
      else if (verb === 'QUIT') {
        say('221 2.0.0 Bye');
        socket.end();
      } else say('502 5.5.2 Command not implemented');
    };

    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let at: number;
      while ((at = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (!inData) {
          command(line);
          continue;
        }
        if (line !== '.') {
          data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        inData = false;
        if (to.some((r) => r.includes('spam'))) {
          say('554 5.7.1 Message rejected as spam');
        } else {
          received.push({ from, to, raw: data.join('\r\n') });
          say('250 2.0.0 OK queued');
        }
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
