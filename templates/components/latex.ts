/**
 * LaTeX fragments as they occur in arXiv titles, abstracts and the API's AI summaries (`\%`, `^{2}`, `$\alpha$`,
 * `\textbf{...}`, `Pok\'eChamp`), turned into readable text. Prose with a few fragments, not documents: a LaTeX
 * parser would read the prose's own `%` and `$` as syntax, so this rewrites only the fragments it recognises and
 * leaves everything else as it was.
 */

const SYMBOLS: Readonly<Record<string, string>> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Pi: 'Π',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
  infty: '∞',
  times: '×',
  cdot: '·',
  pm: '±',
  neq: '≠',
  ne: '≠',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  approx: '≈',
  sim: '~',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  deg: '°',
  circ: '°',
  textgreater: '>',
  textless: '<',
  ldots: '…',
  dots: '…',
  eg: 'e.g.',
  ie: 'i.e.',
};

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '+': '⁺',
  '-': '⁻',
  '=': '⁼',
  '(': '⁽',
  ')': '⁾',
  n: 'ⁿ',
  i: 'ⁱ',
  N: 'ᴺ',
  '*': '*',
};

const ACCENTS: Readonly<Record<string, string>> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
};

// Commands whose argument is the text itself (`\textbf{Uni-Instruct}` -> "Uni-Instruct").
const TEXT_COMMANDS =
  /\\(?:text(?:bf|it|sc|tt|rm|sf|normal|superscript|subscript)?|emph|mathbf|mathrm|mathit|mathcal|mathbb|mathsf|boldsymbol|operatorname|underline|b|textup)\s*\{([^{}]*)\}/g;

/** `x^{2}`, `x^2`, `x^*` as superscript characters when every character has one, else as plain text. */
function superscript(body: string): string {
  const chars = [...body];
  if (chars.every((c) => SUPERSCRIPTS[c] !== undefined)) return chars.map((c) => SUPERSCRIPTS[c]).join('');
  return body;
}

function convertMath(math: string): string {
  return math
    .replace(TEXT_COMMANDS, '$1')
    .replace(/\\([A-Za-z]+)/g, (_m, name: string) => SYMBOLS[name] ?? name)
    .replace(/\^\{([^{}]*)\}|\^(\\?[A-Za-z0-9*+-])/g, (_m, braced: string | undefined, bare: string | undefined) =>
      superscript(braced ?? bare ?? ''),
    )
    .replace(/_\{([^{}]*)\}/g, '$1')
    .replace(/[{}]/g, '');
}

/** The text with the LaTeX fragments arXiv authors leave in titles and abstracts turned into readable text. */
export function readableLatex(text: string): string {
  if (!/[\\$^{}~]/.test(text)) return text;
  let out = text
    // Accents: Pok\'eChamp, Schr\"odinger, Bolet\'{\i}n.
    .replace(/\\(['`^"~])\s*\{?\\?([A-Za-z])\}?/g, (_m, accent: string, letter: string) =>
      (letter + (ACCENTS[accent] ?? '')).normalize('NFC'),
    )
    .replace(/\\c\{([A-Za-z])\}/g, (_m, letter: string) => `${letter}\u0327`.normalize('NFC'))
    .replace(/``/g, '\u201C')
    .replace(/''/g, '\u201D')
    // Escaped specials: \% \& \$ \_ \# and the thin space \, .
    .replace(/\\([%&$_#])/g, '$1')
    .replace(/\\,/g, '\u202F')
    .replace(/\\(?:allowbreak|noindent|newline)\b\s*/g, '')
    .replace(/\\(?:href)\{([^{}]*)\}\{([^{}]*)\}/g, '$2 ($1)')
    .replace(/\\(?:url|footnote)\{([^{}]*)\}/g, ' ($1)')
    .replace(/\\color\{[^{}]*\}/g, '')
    .replace(/\^\s*text(?:bf|it|rm)?\{([^{}]*)\}/g, '^{$1}');
  // Inline math: $\alpha$, $^3$, $CoT$-$Pass@K$; a lone "$120" is money, not math.
  out = out.replace(/\$([^$\n]{1,60}?)\$/g, (m, inner: string) =>
    /^\s|\s$/.test(inner) && !/[\\^_]/.test(inner) ? m : convertMath(inner),
  );
  out = out
    .replace(TEXT_COMMANDS, '$1')
    .replace(/\{\\([A-Za-z]+)\}/g, (m, name: string) => SYMBOLS[name] ?? m)
    .replace(/\\([A-Za-z]+)\b/g, (_m, name: string) => SYMBOLS[name] ?? name)
    .replace(/([\p{L}\p{N})])\^\{([^{}\s]{1,12})\}/gu, (_m, base: string, body: string) => base + superscript(body))
    .replace(/([\p{L}\p{N})])\^([0-9*]|N\b|n\b)/gu, (_m, base: string, body: string) => base + superscript(body));
  return out;
}
