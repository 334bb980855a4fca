import { connect, createServer, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWebRedis } from '../../../src/shared/redis.ts';
import { createLinkBuilder } from '../../../src/subscribers/index.ts';
import { buildWebApp } from '../../../src/web/index.ts';
import { FORM, form, pathOf, startWeb, type WebHarness } from './support.ts';

/** Sends `head`, then one more chunk every `everyMs` until the server closes; what came back, and how much was sent. */
function trickle(port: number, head: string, chunk: string, everyMs: number) {
  return new Promise<{ answer: string; chunksSent: number }>((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    let chunksSent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (chunksSent >= 600) return socket.destroy(); // about a minute: the server never gave up
        chunksSent += 1;
        socket.write(chunk);
      }, everyMs);
    });
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, chunksSent });
    });
  });
}

describe('slow clients are cut off', () => {
  let h: WebHarness;
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    h = await startWeb('web-slow');
    // The production limits scaled down so the test is quick: same wiring, smaller numbers.
    app = await buildWebApp(h.app.webContext.deps, {
      timeouts: { headersMs: 400, requestMs: 800, checkEveryMs: 100 },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('closes a request whose body trickles in a byte at a time', async () => {
    const head = 'POST /subscribe HTTP/1.1\r\nHost: paperboy.test\r\n' + `${Object.entries(FORM)[0]!.join(': ')}\r\n`;
    const { answer, chunksSent } = await trickle(port, `${head}Content-Length: 500\r\n\r\n`, 'a', 100);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(chunksSent).toBeLessThan(500);
  });

  it('closes a request whose headers never end', async () => {
    const { answer, chunksSent } = await trickle(port, 'GET / HTTP/1.1\r\nHost: paperboy.test\r\n', 'X-A: b\r\n', 100);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(chunksSent).toBeLessThan(600);
  });
});

describe('with Redis down, subscribe and unsubscribe answer 503 at once instead of hanging', () => {
  let h: WebHarness;
  let silent: Server;
  let silentPort: number;
  beforeAll(async () => {
    h = await startWeb('web-redis-down');
    // A "Redis" that accepts connections and never answers (hung, or a black-holed network path).
    silent = createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    silentPort = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    silent.close();
    await h.close();
  });

  it.each([
    ['refuses connections', () => 'redis://127.0.0.1:1'],
    ['accepts but never answers', () => `redis://127.0.0.1:${silentPort}`],
  ])('when Redis %s', async (_what, url) => {
    const sub = (await h.store.add('down@example.org', { topics: ['robotics'], perTopic: 5, alsoTrending: true }))
      .subscriber;
    const redis = connectWebRedis(url());
    redis.on('error', () => undefined);
    const app = await buildWebApp({ ...h.app.webContext.deps, redis });
    try {
      const subscribe = await app.inject({
        method: 'POST',
        url: '/subscribe',
        headers: FORM,
        payload: form({ email: 'someone@example.org', topics: 'robotics' }),
      });
      expect(subscribe.statusCode).toBe(503);
      expect(subscribe.headers['retry-after']).toBe('5');
      expect(subscribe.body).toContain('briefly unavailable');
      const unsubscribe = await app.inject({
        method: 'POST',
        url: pathOf(createLinkBuilder(h.config).unsubscribeUrl(sub.id)),
        headers: FORM,
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(unsubscribe.statusCode).toBe(503);
    } finally {
      await app.close();
      redis.disconnect();
    }
  });
});
