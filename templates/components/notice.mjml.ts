import { mjmlFooter } from './footer.mjml.ts';
import { mj, toSource } from './mjml-kit.ts';
import type { NoticeContent } from './notice.ts';
import { mjmlBlock, mjmlShell, styleOf } from './shell.mjml.ts';
import { colors } from './tokens.ts';

/** The MJML source of a transactional notice; the counterpart of `NoticeEmail`. */
export function noticeMjml(n: NoticeContent): string {
  const intro = mjmlBlock(mj`<p class="pb-accent" style="${styleOf('brand')}">Paperboy</p>
<h1 style="${styleOf('h1')}">${n.heading}</h1>
${n.paragraphs.map((p) => mj`<p style="${styleOf('paragraph')}">${p}</p>`)}
${
  n.list
    ? mj`<p style="${styleOf('paragraph')};margin:0 0 4px;font-weight:600">${n.list.heading}</p>
<ul style="margin:0 0 14px;padding-left:22px">${n.list.items.map((item) => mj`<li style="${styleOf('listItem')}">${item}</li>`)}</ul>`
    : ''
}`);
  const cta = n.cta
    ? mj`<mj-section><mj-column><mj-button css-class="pb-button" href="${n.cta.url}" align="left" padding="6px 24px 14px" inner-padding="12px 22px" background-color="${colors.button}" color="${colors.buttonText}" font-size="15px" font-weight="600" line-height="20px" border-radius="6px">${n.cta.label}</mj-button></mj-column></mj-section>
${n.ctaFallback ? mjmlBlock(mj`<p class="pb-muted" style="${styleOf('meta')}">${n.ctaFallback} <a class="pb-link" href="${n.cta.url}" style="${styleOf('link')}">${n.cta.url}</a></p>`) : ''}`
    : '';
  const secondary = n.secondary.length
    ? mjmlBlock(
        mj`${n.secondary.map((link) => mj`<p style="${styleOf('paragraph')}"><a class="pb-link" href="${link.url}" style="${styleOf('link')}">${link.label}</a></p>`)}`,
      )
    : '';
  return toSource(
    mjmlShell({ title: n.title, preheader: n.preheader, body: mj`${intro}${cta}${secondary}${mjmlFooter(n.footer)}` }),
  );
}
