import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../src/mail/index.ts';
import { encodeBatchBody } from '../../../src/mail/resend-wire.ts';
import { PLACEHOLDER_LINKS, joinSpliced, personaliseSpliced, type RenderedEmail } from '../../../src/render/index.ts';

const rendered: RenderedEmail = {
  subject: 'Daily Papers, 24 Nov: “Quotes”, \\ backslashes and 3 more',
  preheader: 'p',
  html: `<p>Caf\u00e9 \u2014 \u{1F916} "quoted" \\ back</p><a href="${PLACEHOLDER_LINKS.manageUrl}">manage</a>\n<a href="${PLACEHOLDER_LINKS.unsubscribeUrl}">leave</a>\u2028end`,
  text: `Line one\n\tTabbed "q"\nManage: ${PLACEHOLDER_LINKS.manageUrl}\nLeave: ${PLACEHOLDER_LINKS.unsubscribeUrl}\n`,
};

function message(n: number): OutgoingMessage {
  const { html, text } = personaliseSpliced(rendered, {
    manageUrl: `https://paperboy.example/preferences?token=m${n}&x=1`,
    unsubscribeUrl: `https://paperboy.example/unsubscribe?token=u${n}`,
  });
  return {
    to: `reader${n}@example.org`,
    from: 'Paperboy <digest@paperboy.example>',
    subject: rendered.subject,
    html: joinSpliced(html),
    text: joinSpliced(text),
    headers: { 'List-Id': 'daily <daily.paperboy.example>' },
    tags: { edition: '2025-11-24' },
    spliced: { html, text },
  };
}

describe('encodeBatchBody', () => {
  it('encodes each message to exactly its personalised html and text, with the other fields as given', () => {
    const messages = [message(1), message(2), message(3)];
    const body = encodeBatchBody(messages, (m) => ({ from: m.from, to: m.to, subject: m.subject, headers: m.headers }));
    expect(body).toBeInstanceOf(Buffer);
    const parsed = JSON.parse(body!.toString('utf8')) as Record<string, unknown>[];
    expect(parsed).toEqual(
      messages.map((m) => ({
        from: m.from,
        to: m.to,
        subject: m.subject,
        headers: m.headers,
        html: m.html,
        text: m.text,
      })),
    );
    expect(parsed[1]!.html).toContain('token=m2&amp;x=1');
    expect(parsed[1]!.text).toContain('token=m2&x=1');
  });

  it('is deterministic (the same batch gives the same bytes, so an idempotent retry matches)', () => {
    const fields = (m: OutgoingMessage) => ({ from: m.from, to: m.to });
    expect(encodeBatchBody([message(1)], fields)!.equals(encodeBatchBody([message(1)], fields)!)).toBe(true);
  });

  it('writes the very bytes of JSON.stringify, whatever the parts and values hold and however they recur', () => {
    const nasty = [
      'https://paperboy.example/feedback?token=abc.DEF-_',
      'quote " and back \\ slash',
      'controls \u0001\u001f tab\t newline\n',
      'accents \u00e9 and \u{1F916}',
      'a lone \ud800 surrogate',
      'separators \u2028 \u2029',
      '',
    ];
    for (const recurs of ['array', 'strings', 'none'] as const) {
      const messages = nasty.map((v) => {
        const html = { parts: [v, `<p>"${v}"</p>`, v], values: [v, `${v}!`], recurs };
        const text = { parts: [`${v}\n`, v], values: [v], recurs };
        return { ...message(1), html: joinSpliced(html), text: joinSpliced(text), spliced: { html, text } };
      });
      const body = encodeBatchBody(messages, (m) => ({ to: m.to }));
      const expected = JSON.stringify(messages.map((m) => ({ to: m.to, html: m.html, text: m.text })));
      expect(body!.toString('utf8'), recurs).toBe(expected);
      expect(body!.equals(Buffer.from(expected)), recurs).toBe(true);
    }
  });

  it('declines when a message has no spliced form', () => {
    const plain = { ...message(1), spliced: undefined };
    expect(encodeBatchBody([message(2), plain], (m) => ({ to: m.to }))).toBeUndefined();
  });
});
