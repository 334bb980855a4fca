import { connect, type Socket } from 'node:net';

/**
 * Redis's MONITOR over a plain socket: calls `onCommand` with each command's name and the client address that sent
 * it. (ioredis' own monitor mode can trip over the replies of its connection handshake on a busy server.)
 */
export async function monitorRedis(
  url: string,
  onCommand: (command: string, source: string) => void,
): Promise<{ close(): void }> {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect({ host: hostname, port: Number(port || 6379) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  let buffer = '';
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (line === '+OK') started();
      // +1796062946.108341 [0 127.0.0.1:52404] "bzpopmin" "key" "5"
      const m = /^\+\d+\.\d+ \[\d+ ([^\]]+)\] "([^"]+)"/.exec(line);
      if (m) onCommand(m[2]!.toLowerCase(), m[1]!);
    }
  });
  socket.write('MONITOR\r\n');
  await ready;
  return { close: () => socket.destroy() };
}
