// Short one-line texts of the relevance layer: why lines and the short names of liked papers.

/** The longest why line. */
export const MAX_WHY_LENGTH = 90;

/** The longest short title of a liked paper (as a stored profile keeps it). */
export const SHORT_TITLE_LENGTH = 40;

/** Collapses whitespace, drops control characters, and cuts at a word boundary with an ellipsis. */
export function cleanLine(text: string, max = MAX_WHY_LENGTH): string {
  const flat = text
    // eslint-disable-next-line no-control-regex -- control characters never belong in a one-line reason
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** A paper's short name: the part before a colon when there is one ("Genie 3: ..." -> "Genie 3"), else cut. */
export function shortTitle(title: string, max = SHORT_TITLE_LENGTH): string {
  const colon = title.indexOf(':');
  const head = colon >= 2 && colon <= max ? title.slice(0, colon) : title;
  return cleanLine(head, max);
}
