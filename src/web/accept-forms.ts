import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';

/** Forms and one-click bodies are tiny; webhooks set their own limit. */
export const BODY_LIMIT = 64 * 1024;

/**
 * Lets the route group `app` (an encapsulated plugin) read `application/x-www-form-urlencoded` bodies. Only the
 * groups that serve a form call this, so every other route (the admin board above all) refuses what a
 * cross-site <form> posts with 415.
 */
export async function acceptForms(app: FastifyInstance): Promise<void> {
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
}
