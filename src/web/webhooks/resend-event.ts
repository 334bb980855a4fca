import { z } from 'zod';

/** Tags arrive as an object; older payloads used `{ name, value }[]`. Either way we get a plain record. */
const tags = z
  .union([z.record(z.string(), z.string()), z.array(z.object({ name: z.string(), value: z.string() }))])
  .optional()
  .transform((t) => (Array.isArray(t) ? Object.fromEntries(t.map((x) => [x.name, x.value])) : t));

/** The part of a Resend webhook event we use (unknown fields are ignored, unknown event types pass through). */
export const resendEventSchema = z.object({
  type: z.string().min(1).max(100),
  created_at: z.string().min(1).max(100),
  data: z
    .object({
      email_id: z.string().min(1).max(200).optional(),
      to: z.union([z.string(), z.array(z.string())]).optional(),
      tags,
      bounce: z
        .object({ type: z.string().optional(), subType: z.string().optional(), message: z.string().optional() })
        .optional(),
    })
    .default({ tags: undefined }),
});

export type ResendEvent = z.infer<typeof resendEventSchema>;

/** What an event means for the subscriber: suppress (and why) or nothing. */
export function suppressionFor(event: ResendEvent): { status: 'bounced' | 'complained'; reason: string } | undefined {
  if (event.type === 'email.complained') return { status: 'complained', reason: 'spam complaint' };
  if (event.type === 'email.bounced') {
    const type = (event.data.bounce?.type ?? '').toLowerCase();
    // SES-style types: Permanent is a hard bounce; Transient and Undetermined may pass, so they do not suppress.
    if (type === 'permanent' || type === 'hard') {
      const sub = event.data.bounce?.subType;
      return { status: 'bounced', reason: `hard bounce${sub ? `: ${sub.slice(0, 80)}` : ''}` };
    }
    return undefined;
  }
  if (event.type === 'email.suppressed') return { status: 'bounced', reason: 'on the provider suppression list' };
  return undefined;
}

/** The first recipient address, if any. */
export function firstRecipient(event: ResendEvent): string | undefined {
  const to = event.data.to;
  return Array.isArray(to) ? to[0] : to;
}
