import { mj, trusted, type SafeMarkup } from './mjml-kit.ts';
import { PREHEADER_FILLER, PREHEADER_STYLE } from './preheader.ts';
import { inlineStyle, styles } from './styles.ts';
import { colors, contentWidth, fontFamily, sharedCss } from './tokens.ts';

export interface MjmlShellProps {
  title: string;
  preheader: string;
  /** `mj-section`s. */
  body: SafeMarkup;
}

/**
 * The MJML document around every email; the counterpart of `EmailShell`. The preheader is the same hidden block
 * React Email writes, not `mj-preview` (whose white hidden text spam filters score).
 */
export function mjmlShell({ title, preheader, body }: MjmlShellProps): SafeMarkup {
  return mj`<mjml lang="en" dir="ltr">
  <mj-head>
    <mj-title>${title}</mj-title>
    <mj-attributes>
      <mj-all font-family="${fontFamily}" />
      <mj-section background-color="${colors.card}" padding="0" css-class="pb-card" />
      <mj-column padding="0" />
      <mj-text padding="0 24px" color="${colors.text}" font-size="15px" line-height="23px" css-class="pb-text" />
    </mj-attributes>
    <mj-style>${trusted(sharedCss)}</mj-style>
    <mj-raw><meta name="color-scheme" content="light dark" /><meta name="supported-color-schemes" content="light dark" /></mj-raw>
  </mj-head>
  <mj-body width="${contentWidth}px" background-color="${colors.page}" css-class="pb-page">
    <mj-raw><div style="${PREHEADER_STYLE}" data-skip-in-text="true">${preheader}${PREHEADER_FILLER}</div></mj-raw>
    <mj-section background-color="${colors.page}" css-class="pb-page"><mj-column><mj-spacer height="16px" /></mj-column></mj-section>
    ${body}
    <mj-section background-color="${colors.page}" css-class="pb-page"><mj-column><mj-spacer height="16px" /></mj-column></mj-section>
  </mj-body>
</mjml>`;
}

/** A card section holding raw HTML (already safe) in one `mj-text`. */
export function mjmlBlock(html: SafeMarkup): SafeMarkup {
  return mj`<mj-section><mj-column><mj-text>${html}</mj-text></mj-column></mj-section>`;
}

/** `style="..."` for an element inside `mj-text`. */
export function styleOf(style: keyof typeof styles): SafeMarkup {
  return trusted(inlineStyle(styles[style]).replace(/"/g, '&quot;'));
}
