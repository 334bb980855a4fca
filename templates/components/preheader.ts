/**
 * Hidden filler after the preheader so clients do not pull body text into the inbox preview line
 * (combining grapheme joiner, zero-width non-joiner, no-break space).
 */
export const PREHEADER_FILLER = '\u034F\u200C\u00A0'.repeat(40);

/** The style of the hidden preheader block, the same in both engines. */
export const PREHEADER_STYLE =
  'display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all';
