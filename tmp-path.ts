import { loadSampleDay } from './src/papers/index.ts';
import { buildEdition } from './src/themes/index.ts';
import { buildProfile, personalDigest, withTerms, readerVoteSchema } from './src/relevance/index.ts';
import { DIGEST_BUDGET_BYTES, fitDigest, type Digest } from './src/digest/index.ts';
import { benchPreferences } from './bench/support.ts';
import { DigestAssembler, type AssembledDigest } from './src/render/index.ts';
import { readerLinks } from './src/deliveries/index.ts';
import { orderOf } from './src/deliveries/reader-order.ts';
import { buildReaderMessage } from './src/deliveries/build-message.ts';
import { encodeBatchBody } from './src/mail/resend-wire.ts';
import { createLinkBuilder } from './src/subscribers/index.ts';
import { loadConfig } from './src/config/index.ts';
process.env.NODE_ENV = 'production';
const config = loadConfig({ LINK_SECRETS: 'test-link-secret-of-at-least-32-bytes-0123456789', PUBLIC_BASE_URL: 'https://paperboy.test' });
const day = loadSampleDay();
const edition = buildEdition(day.date, day.papers);
const earlier = day.papers.map((p) => ({ ...p, id: `${p.id}-earlier` }));
function reader(n: number) {
  const votes = [];
  for (let k = 0; k < 20; k++) {
    const i = (n * 7 + k) % earlier.length;
    const p = earlier[i]!;
    votes.push(readerVoteSchema.parse(withTerms({ paperId: p.id, date: '2025-11-20', vote: k % 4 === 3 ? 'less' : 'more', title: p.title, at: '2025-11-20T08:00:00.000Z' }, p)));
  }
  const at = (k: number) => day.papers[(n + k * 5) % day.papers.length]!;
  const interests = { keywords: [at(0).title.split(' ').slice(0, 2).join(' '), 'diffusion'], authors: [at(1).authors[0] ?? 'A', at(2).authors[0] ?? 'B'], organizations: ['kestrel-labs'], mutes: [] };
  return { votes: [], interests, profile: buildProfile(votes) };
}
const N = 500;
const readers = Array.from({ length: N }, (_, n) => ({ id: `reader${String(n).padStart(16, '0')}`, state: reader(n), prefs: benchPreferences(n) }));
const builder = createLinkBuilder(config, { now: () => new Date('2025-11-24T06:00:00Z') });
const assembler = new DigestAssembler(config.templateEngine, { postalAddress: 'Paperboy, 1 Lane', publicBaseUrl: 'https://paperboy.test' });
const sub = (id: string) => ({ id, email: `${id}@x.test` }) as any;
const settings = { from: 'P <d@paperboy.test>', replyTo: undefined, listId: 'x', unsubscribeMailto: undefined, feedbackSenderId: 'pb' };
const t: Record<string, number> = {};
const lap = (k: string, s: number) => { t[k] = (t[k] ?? 0) + performance.now() - s; };
async function round() {
  const msgs = [];
  for (const r of readers) {
    let s = performance.now();
    const c = personalDigest({ edition, prefs: r.prefs, reader: r.state, skipEmpty: false });
    lap('personalDigest', s);
    if (c.kind !== 'digest') continue;
    s = performance.now();
    const links = readerLinks(builder, r.id, day.date);
    for (const ep of [...(c.digest.forYou ?? []), ...c.digest.sections.flatMap((x) => x.papers), ...c.digest.alsoTrending]) { links.feedbackUrl(ep.paper.id, 'more'); links.feedbackUrl(ep.paper.id, 'less'); }
    lap('tokens', s);
    s = performance.now();
    let email: AssembledDigest | undefined;
    const { digest } = await fitDigest(c.digest, async (d: Digest) => { email = await assembler.assemble(d, links); return email.htmlBytes; }, DIGEST_BUDGET_BYTES);
    lap('fit+assemble', s);
    s = performance.now();
    JSON.stringify(orderOf(digest));
    lap('order json', s);
    s = performance.now();
    msgs.push(buildReaderMessage(email!, sub(r.id), day.date, links.unsubscribeUrl, settings));
    lap('message', s);
  }
  const s = performance.now();
  for (let i = 0; i < msgs.length; i += 100) encodeBatchBody(msgs.slice(i, i + 100), (m) => ({ from: m.from, to: m.to, subject: m.subject, headers: m.headers }));
  lap('encode', s);
}
await round();
for (const k of Object.keys(t)) delete t[k];
const R = 4;
const start = performance.now();
for (let i = 0; i < R; i++) await round();
const total = performance.now() - start;
for (const [k, v] of Object.entries(t)) console.log(k.padEnd(16), ((v * 1000) / (R * N)).toFixed(0), 'us');
console.log('total'.padEnd(16), ((total * 1000) / (R * N)).toFixed(0), 'us per reader;', assembler.cached);
