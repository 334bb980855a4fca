import { describe, expect, it } from 'vitest';
import { problemHtml } from '../../../../src/render/preview/problem-view.ts';
import { withScheme } from '../../../../src/render/preview/scheme.ts';
import {
  codeFrame,
  mjmlOrigin,
  stackLocation,
  syntaxLocation,
} from '../../../../src/render/preview/source-location.ts';

const DIR = '/work/x/templates';

describe('locating a failure in the templates', () => {
  it('reads the file, line and column of a tsx syntax error', () => {
    const message = `Transform failed with 1 error:\n${DIR}/digest/DigestEmail.tsx:12:4: ERROR: Expected ")" but found ";"`;
    expect(syntaxLocation(message, DIR)).toEqual({
      file: 'digest/DigestEmail.tsx',
      line: 12,
      column: 5,
      message: 'Expected ")" but found ";"',
    });
    expect(syntaxLocation(message.replace(DIR, '/elsewhere'), DIR)).toBeUndefined();
  });

  it('takes the first stack frame inside the templates folder, not the renderer', () => {
    const stack = [
      "TypeError: Cannot read properties of undefined (reading 'map')",
      `    at confirmContent (file://${DIR}/transactional/ConfirmEmail.tsx:31:30)`,
      '    at renderTemplate (/work/x/src/render/render.ts:40:5)',
    ].join('\n');
    expect(stackLocation(stack, DIR)).toEqual({ file: 'transactional/ConfirmEmail.tsx', line: 31, column: 30 });
    expect(stackLocation('Error: x\n    at f (/work/x/src/a.ts:1:1)', DIR)).toBeUndefined();
  });

  it('frames the failing line with its neighbours and a caret', () => {
    expect(codeFrame('a\nb\nconst x = y;\nd\ne\nf', 3, 11)).toBe(
      ['  1 | a', '  2 | b', '> 3 | const x = y;', '    |           ^', '  4 | d', '  5 | e'].join('\n'),
    );
  });

  it('traces a line of generated MJML to the *.mjml.ts markup that wrote it', () => {
    const generated = '<mjml>\n<mj-body>\n<mj-button css-class="pb-button" bogus="1" href="https://x">Go</mj-button>';
    const sources = [
      { file: 'components/footer.mjml.ts', text: 'mj`<mj-button css-class="pb-footer" href="${u}">`' },
      { file: 'components/notice.mjml.ts', text: 'x\n  ? mj`<mj-button css-class="pb-button" bogus="1" href="${u}">`' },
    ];
    expect(mjmlOrigin(generated, 3, 'mj-button', sources)).toEqual({
      file: 'components/notice.mjml.ts',
      line: 2,
      column: 8,
    });
    expect(mjmlOrigin(generated, 3, 'mj-image', sources)).toBeUndefined();
  });

  it('escapes everything it shows', () => {
    const html = problemHtml({
      kind: 'runtime',
      message: '<img src=x onerror=alert(1)>',
      location: { file: '<b>.tsx', line: 1, column: 1 },
      frame: '> 1 | </pre><script>',
    });
    expect(html).not.toMatch(/<img|<script|<b>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('colour scheme of a preview frame', () => {
  const email =
    '<html><head><style>@media (prefers-color-scheme: dark) { body { background: #000 } }</style></head><body class="x">';
  it('forces the dark rules (and Outlook.com data-ogsc) on, or off, and leaves the sent email alone', () => {
    expect(withScheme(email, 'dark')).toContain('@media all { body');
    expect(withScheme(email, 'dark')).toContain('<body data-ogsc="" class="x">');
    expect(withScheme(email, 'dark')).toContain('color-scheme: dark !important');
    expect(withScheme(email, 'light')).toContain('@media not all { body');
    expect(withScheme(email, 'auto')).toBe(email);
  });
});
