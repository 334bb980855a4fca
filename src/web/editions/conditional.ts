import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fresh from 'fresh';

/** A response body ready to send again and again: its strong ETag and the time it last changed. */
export interface Representation {
  body: string;
  /** A strong validator: a hash of the exact bytes. */
  etag: string;
  lastModified: Date;
}

/** The representation of `body`, with its strong ETag. */
export function representation(body: string, lastModified: Date): Representation {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  return { body, etag, lastModified };
}

/** Public pages and feeds: shared caches may keep them five minutes, then revalidate (ETag / Last-Modified). */
export const PUBLIC_CACHE = 'public, max-age=300';

/**
 * Sends the representation, or `304 Not Modified` (no body) when the request's If-None-Match matches its ETag or,
 * without If-None-Match, its If-Modified-Since is not older than its Last-Modified (the `fresh` package, the check
 * Express uses; a request with `Cache-Control: no-cache` always gets the body).
 */
export function sendRepresentation(
  request: FastifyRequest,
  reply: FastifyReply,
  rep: Representation,
  contentType: string,
): FastifyReply {
  const lastModified = rep.lastModified.toUTCString();
  void reply.header('etag', rep.etag).header('last-modified', lastModified).header('cache-control', PUBLIC_CACHE);
  if (fresh(request.headers, { etag: rep.etag, 'last-modified': lastModified })) return reply.code(304).send();
  return reply.code(200).type(contentType).send(rep.body);
}
