import { z } from 'zod';
import { safeHttpUrl } from '../components/clean.ts';

/** An absolute http(s) URL (what every link in a transactional email must be), normalised. */
export const httpUrlSchema = z.string().transform((value, ctx) => {
  const url = safeHttpUrl(value);
  if (url === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected an absolute http(s) URL' });
    return z.NEVER;
  }
  return url;
});
