import { z } from 'zod';
import type { RenderedEmail, TemplateEngine } from '../types.ts';
import type { Problem } from './source-location.ts';

/** What the preview server asks its render worker. */
export type WorkerRequest =
  | { id: number; kind: 'list' }
  | { id: number; kind: 'sample'; template: string; engine: TemplateEngine; sample: string }
  /** A digest from a stored edition (composed by the server), rendered once then personalised. */
  | { id: number; kind: 'digest'; engine: TemplateEngine; props: unknown };

export interface TemplateListing {
  name: string;
  description: string;
  samples: string[];
}

export type WorkerResponse =
  | { id: number; ok: true; email: RenderedEmail; ms: number }
  | { id: number; ok: true; templates: TemplateListing[] }
  | { id: number; ok: false; error: string; problem?: Problem | undefined };

/** Everything the worker sends: lifecycle notes and answers. */
export type WorkerMessage = WorkerResponse | { ready: true } | { warm: true } | { loadError: Problem };

const locationSchema = z.object({ file: z.string(), line: z.number(), column: z.number() });

export const problemSchema = z.object({
  kind: z.enum(['syntax', 'runtime', 'mjml', 'props']),
  message: z.string(),
  location: locationSchema.optional(),
  frame: z.string().optional(),
  note: z.string().optional(),
});

/** Messages from the worker, checked before use (the worker is our code, but runs freshly edited templates). */
export const workerMessageSchema = z.union([
  z.object({ warm: z.literal(true) }),
  z.object({ ready: z.literal(true) }),
  z.object({ loadError: problemSchema }),
  z.object({
    id: z.number(),
    ok: z.literal(true),
    email: z.object({ subject: z.string(), html: z.string(), text: z.string(), preheader: z.string() }),
    ms: z.number(),
  }),
  z.object({
    id: z.number(),
    ok: z.literal(true),
    templates: z.array(z.object({ name: z.string(), description: z.string(), samples: z.array(z.string()) })),
  }),
  z.object({ id: z.number(), ok: z.literal(false), error: z.string(), problem: problemSchema.optional() }),
]);
