/**
 * Design tokens shared by both engines, so the React Email and MJML versions of a template look the same.
 * Every text colour is paired with an explicit background: a client that inverts for dark mode inverts both,
 * and the `prefers-color-scheme: dark` rules below swap both, so no text ever vanishes into its background.
 */
export const colors = {
  page: '#f3f4f6',
  card: '#ffffff',
  text: '#111827',
  muted: '#4b5563',
  link: '#1d4ed8',
  accent: '#b45309',
  rule: '#e5e7eb',
  button: '#1d4ed8',
  buttonText: '#ffffff',
} as const;

const darkColors = {
  page: '#111827',
  card: '#1f2937',
  text: '#f9fafb',
  muted: '#d1d5db',
  link: '#93c5fd',
  accent: '#fbbf24',
  rule: '#374151',
} as const;

/** System fonts only: no web font means no external stylesheet. */
export const fontFamily = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** The content width on desktop; narrower screens get 100% of their width. */
export const contentWidth = 640;

/** HTML past this size is clipped by Gmail, hiding the footer (and its unsubscribe link). */
export const GMAIL_CLIP_BYTES = 102 * 1024;

/**
 * The dark-mode and small-screen rules, the same for both engines. Classes (`pb-*`) are set by the templates;
 * `[data-ogsc]` targets Outlook.com's dark mode.
 */
export const sharedCss = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
.pb-link { color: ${colors.link}; }
@media (prefers-color-scheme: dark) {
  body, .pb-page, .pb-page > table, .pb-page > table > tbody > tr > td { background-color: ${darkColors.page} !important; }
  .pb-card, .pb-card > table { background-color: ${darkColors.card} !important; }
  .pb-text, .pb-text p, .pb-text h1, .pb-text h2, .pb-text h3, .pb-text li { color: ${darkColors.text} !important; }
  .pb-text .pb-muted { color: ${darkColors.muted} !important; }
  .pb-text .pb-accent { color: ${darkColors.accent} !important; }
  .pb-text .pb-link, .pb-text a { color: ${darkColors.link} !important; }
  .pb-text a.pb-button, .pb-button a { color: ${colors.buttonText} !important; }
  .pb-rule { border-color: ${darkColors.rule} !important; }
}
@media (max-width: 480px) {
  .pb-thumb { width: 76px !important; padding-right: 10px !important; }
  .pb-thumb img { width: 76px !important; height: 41px !important; }
}
[data-ogsc] .pb-text, [data-ogsc] .pb-text p, [data-ogsc] .pb-text h1, [data-ogsc] .pb-text h3 { color: ${darkColors.text} !important; }
[data-ogsc] .pb-text .pb-muted { color: ${darkColors.muted} !important; }
[data-ogsc] .pb-text .pb-accent { color: ${darkColors.accent} !important; }
[data-ogsc] .pb-text .pb-link, [data-ogsc] .pb-text a { color: ${darkColors.link} !important; }
[data-ogsc] .pb-text a.pb-button, [data-ogsc] .pb-button a { color: ${colors.buttonText} !important; }
`.trim();
