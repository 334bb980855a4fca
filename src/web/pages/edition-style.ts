import { SafeHtml } from '../html.ts';
import { pageCsp } from './layout.ts';

// The web edition's own stylesheet, on top of the layout's. Colours come from the layout's variables, so contrast
// holds in light and dark mode.
const EDITION_STYLE = `
main{max-width:48rem}.crumbs{font-size:.95rem;margin:.5rem 0}.count{color:var(--muted)}
.toc ul,.feeds,.links,.editions{list-style:none;padding:0}.toc li,.links li{display:inline-block;margin:0 .9rem .35rem 0}
section.topic{margin:2rem 0}section.topic>h2{font-size:1.35rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
.desc{color:var(--muted);margin:.25rem 0 1rem}ol.papers{list-style:none;padding:0;margin:0}
li.paper{border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:0 0 1rem}
li.paper h3{font-size:1.15rem;line-height:1.3;margin:0 0 .35rem}.meta{color:var(--muted);font-size:.95rem;margin:.15rem 0}
li.paper img{display:block;width:100%;height:auto;max-height:18rem;object-fit:cover;border-radius:.35rem;margin:.6rem 0;background:var(--line)}
.summary{margin:.5rem 0}.links a{font-weight:600}.editions li{border-bottom:1px solid var(--line);padding:.6rem 0}
.editions h2{font-size:1.15rem;margin:0}.pager{display:flex;justify-content:space-between;margin:1.5rem 0}
.visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
`;

/** The web edition's stylesheet element (in the page head). */
export const EDITION_STYLE_ELEMENT = new SafeHtml(`<style>${EDITION_STYLE}</style>`);

/** The CSP of the web edition pages: the layout's, plus this stylesheet and https: images (the thumbnails). */
export const EDITION_CSP = pageCsp({ styles: [EDITION_STYLE], images: ['https:'] });
