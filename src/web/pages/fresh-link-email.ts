import type { RenderedEmail } from '../../render/index.ts';
import { html } from '../html.ts';

export interface FreshLinkProps {
  manageUrl: string;
  unsubscribeUrl: string;
  manageTtlDays: number;
  postalAddress: string;
}

/** The "here is a fresh link to your preferences" email (no transactional template exists for it yet). */
export function renderFreshLinkEmail(props: FreshLinkProps): RenderedEmail {
  const preheader = 'A fresh link to choose what Paperboy sends you.';
  const body = html`<!doctype html>
    <html lang="en">
      <body
        style="margin:0;padding:24px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24;line-height:1.5"
      >
        <div style="display:none;max-height:0;overflow:hidden">${preheader}</div>
        <h1 style="font-size:22px;margin:0 0 12px">Your Paperboy preferences</h1>
        <p>Someone (hopefully you) asked for a link to change what Paperboy sends to this address.</p>
        <p>
          <a
            href="${props.manageUrl}"
            style="display:inline-block;padding:10px 18px;background:#0b57d0;color:#fff;border-radius:6px;text-decoration:none;font-weight:600"
            >Choose your topics</a
          >
        </p>
        <p style="color:#57606a;font-size:14px">
          The link works for ${props.manageTtlDays} days. If you did not ask for it, you can ignore this email.
        </p>
        <p style="color:#57606a;font-size:13px">
          Paperboy · ${props.postalAddress} · <a href="${props.unsubscribeUrl}" style="color:#57606a">Unsubscribe</a>
        </p>
      </body>
    </html>`.value;
  const text = [
    'Your Paperboy preferences',
    '',
    'Someone (hopefully you) asked for a link to change what Paperboy sends to this address.',
    '',
    `Choose your topics: ${props.manageUrl}`,
    '',
    `The link works for ${props.manageTtlDays} days. If you did not ask for it, you can ignore this email.`,
    '',
    `Paperboy · ${props.postalAddress}`,
    `Unsubscribe: ${props.unsubscribeUrl}`,
    '',
  ].join('\n');
  return { subject: 'Your link to Paperboy preferences', html: body, text, preheader };
}
