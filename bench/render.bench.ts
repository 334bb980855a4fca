// Render once per profile, personalise per recipient, vs render every recipient's email from scratch (both engines).
import { loadavg } from 'node:os';
import { composeDigest } from '../src/digest/index.ts';
import type { Digest } from '../src/digest/index.ts';
import {
  personalise,
  render,
  renderDigest,
  TEMPLATE_ENGINES,
  type RecipientVars,
  type TemplateEngine,
} from '../src/render/index.ts';
import { SAMPLE_BASE_URL, SAMPLE_POSTAL_ADDRESS, sampleEdition } from '../templates/preview-data.ts';

const RECIPIENTS = 100_000;
const SCRATCH_SAMPLE = 300;
const THEMES = ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'];
const context = { postalAddress: SAMPLE_POSTAL_ADDRESS, publicBaseUrl: SAMPLE_BASE_URL };

/** The 15 non-empty subsets of the four themes: 15 preference profiles, 5 papers each, with "Also trending". */
function profiles(): Digest[] {
  const edition = sampleEdition();
  const out: Digest[] = [];
  for (let mask = 1; mask < 1 << THEMES.length; mask++) {
    const topics = THEMES.filter((_, i) => mask & (1 << i));
    const r = composeDigest(edition, { topics, perTopic: 5, alsoTrending: true }, { skipEmpty: false });
    if (r.kind === 'digest') out.push(r.digest);
  }
  return out;
}

function recipient(i: number): RecipientVars {
  return {
    manageUrl: `${SAMPLE_BASE_URL}/preferences?token=m${i.toString(36)}.${'x'.repeat(80)}`,
    unsubscribeUrl: `${SAMPLE_BASE_URL}/unsubscribe?token=u${i.toString(36)}.${'y'.repeat(80)}`,
  };
}

async function onceThenPersonalise(digests: Digest[], engine: TemplateEngine) {
  const started = performance.now();
  const rendered = await Promise.all(digests.map((d) => renderDigest(d, context, engine)));
  const renderMs = performance.now() - started;
  let bytes = 0;
  for (let i = 0; i < RECIPIENTS; i++) {
    const email = personalise(rendered[i % rendered.length]!, recipient(i));
    // Materialise both parts, as a transport serialising the message would.
    bytes += Buffer.byteLength(email.html) + Buffer.byteLength(email.text);
  }
  const totalMs = performance.now() - started;
  return { renderMs, totalMs, perEmailMs: totalMs / RECIPIENTS, avgBytes: bytes / RECIPIENTS };
}

async function fromScratch(digests: Digest[], engine: TemplateEngine) {
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < SCRATCH_SAMPLE; i++) {
    const email = await render(
      'digest',
      { digest: digests[i % digests.length]!, context, links: recipient(i) },
      engine,
    );
    bytes += Buffer.byteLength(email.html) + Buffer.byteLength(email.text);
  }
  const ms = performance.now() - started;
  return { ms, perEmailMs: ms / SCRATCH_SAMPLE, avgBytes: bytes / SCRATCH_SAMPLE };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export default async function (): Promise<void> {
  const digests = profiles();
  console.log(
    `${RECIPIENTS.toLocaleString('en-US')} recipients across ${digests.length} profiles (busy synthetic day); from-scratch measured on ${SCRATCH_SAMPLE} renders per engine and extrapolated. Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const engine of TEMPLATE_ENGINES) await renderDigest(digests[0]!, context, engine); // warm up module loading

  const rows: string[][] = [['engine', 'path', 'measured', 'per email', 'emails/s', '100k emails']];
  for (const engine of TEMPLATE_ENGINES) {
    const a = await onceThenPersonalise(digests, engine);
    const b = await fromScratch(digests, engine);
    rows.push(
      [
        engine,
        'render once/profile + personalise',
        `${digests.length} renders (${fmt(a.renderMs)} ms) + ${fmt(RECIPIENTS)} personalisations`,
        `${fmt(a.perEmailMs * 1000, 1)} µs`,
        fmt(1000 / a.perEmailMs),
        `${fmt(a.totalMs / 1000, 1)} s`,
      ],
      [
        engine,
        'render each recipient from scratch',
        `${SCRATCH_SAMPLE} renders in ${fmt(b.ms)} ms`,
        `${fmt(b.perEmailMs * 1000, 1)} µs`,
        fmt(1000 / b.perEmailMs),
        `${fmt((b.perEmailMs * RECIPIENTS) / 1000, 0)} s (extrapolated)`,
      ],
      [
        engine,
        'speed-up',
        '',
        '',
        `${fmt(b.perEmailMs / a.perEmailMs, 0)}x`,
        `(target >= 50x; avg email ${fmt(a.avgBytes / 1024, 1)} KB)`,
      ],
    );
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
}
