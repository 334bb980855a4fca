import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { sampleEdition } from '../../templates/preview-data.ts';
import { composeDigest, validateTopics } from '../../src/digest/index.ts';
import { loadEdition } from '../../src/editions/index.ts';
import { buildDigestHeaders } from '../../src/mail/index.ts';
import { personalise, renderDigest, type TemplateEngine } from '../../src/render/index.ts';
import { GMAIL_CLIP_BYTES } from '../../templates/components/tokens.ts';
import { todayUtc } from '../../src/shared/dates.ts';
import { preferencesSchema } from '../../src/subscribers/index.ts';
import type { Edition } from '../../src/themes/index.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext, type CliContext } from '../context.ts';
import { checkDate } from './papers.ts';

interface RenderOptions {
  date: string;
  topics: string;
  engine?: string;
  out: string;
  perTopic: string;
  alsoTrending: boolean;
  sample?: boolean;
}

/** `paperboy render --date D --topics a,b [--engine react|mjml] --out DIR`: one profile's digest, written to files. */
export function register(program: Command): void {
  program
    .command('render')
    .description(
      'render the digest one preference profile gets for a stored edition: digest.html, digest.txt, message.json',
    )
    .option('--date <YYYY-MM-DD>', 'the edition date', todayUtc())
    .requiredOption(
      '--topics <ids>',
      'comma-separated theme ids (e.g. visual-rl,robotics); empty for "Also trending" only',
    )
    .option('--engine <react|mjml>', 'template engine (default: TEMPLATE_ENGINE)')
    .requiredOption('--out <dir>', 'directory to write into (created if missing)')
    .option('--per-topic <n>', 'papers per topic', '5')
    .option('--no-also-trending', 'leave out the "Also trending" section')
    .option('--sample', 'use the built-in synthetic edition instead of a stored one (no Redis needed)')
    .action(async (opts: RenderOptions) => {
      const date = checkDate(opts.date);
      await withContext(async (ctx) => {
        const engine = checkEngine(opts.engine ?? ctx.config.templateEngine);
        const prefs = checkPreferences(opts);
        const edition = opts.sample ? sampleEdition(date) : await storedEdition(ctx, date);
        const composed = composeDigest(edition, prefs, { skipEmpty: false });
        if (composed.kind === 'skip') throw new CliError(`nothing to render: ${composed.reason}`, EXIT.failure);
        const { digest } = composed;
        const base = ctx.config.web.publicBaseUrl;
        const links = {
          manageUrl: `${base}/preferences?token=preview`,
          unsubscribeUrl: `${base}/unsubscribe?token=preview`,
        };
        const once = await renderDigest(
          digest,
          { postalAddress: ctx.config.mail.postalAddress, publicBaseUrl: base },
          engine,
        );
        const email = personalise(once, links);
        // The headers a real send of this edition carries (List-*, and Feedback-ID for Gmail's Postmaster Tools).
        const headers = buildDigestHeaders({
          unsubscribeUrl: links.unsubscribeUrl,
          mailto: ctx.config.mail.unsubscribeMailto,
          listId: ctx.config.mail.listId,
          date: digest.date,
          feedbackSenderId: ctx.config.mail.feedbackSenderId,
        });
        const htmlBytes = Buffer.byteLength(email.html, 'utf8');
        const message = {
          subject: email.subject,
          preheader: email.preheader,
          from: ctx.config.mail.from,
          ...(ctx.config.mail.replyTo ? { replyTo: ctx.config.mail.replyTo } : {}),
          headers,
          engine,
          date: digest.date,
          profileKey: digest.profileKey,
          topics: prefs.topics,
          paperCount: digest.paperCount,
          alsoTrending: digest.alsoTrending.length,
          htmlBytes,
          note: 'manage and unsubscribe links are preview links; real sends sign one per recipient',
        };
        const dir = resolve(opts.out);
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, 'digest.html'), email.html);
        await writeFile(join(dir, 'digest.txt'), email.text);
        await writeFile(join(dir, 'message.json'), `${JSON.stringify(message, null, 2)}\n`);
        const size = `${(htmlBytes / 1024).toFixed(1)} KB${htmlBytes > GMAIL_CLIP_BYTES ? ' (over 102 KB: Gmail will clip it)' : ''}`;
        process.stdout.write(
          `${email.subject}\n${digest.paperCount} papers in ${digest.sections.length} sections, ${digest.alsoTrending.length} also trending; HTML ${size} (${engine})\nwrote ${join(dir, 'digest.html')}, digest.txt, message.json\n`,
        );
      });
    });
}

function checkEngine(value: string): TemplateEngine {
  if (value === 'react' || value === 'mjml') return value;
  throw new CliError(`--engine must be react or mjml (got "${value}")`, EXIT.usage);
}

function checkPreferences(opts: RenderOptions) {
  let topics: string[];
  try {
    topics = validateTopics(opts.topics.split(','));
  } catch (error) {
    throw new CliError(`--topics: ${error instanceof Error ? error.message : String(error)}`, EXIT.usage);
  }
  const parsed = preferencesSchema.safeParse({
    topics,
    perTopic: Number(opts.perTopic),
    alsoTrending: opts.alsoTrending,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`--${String(issue?.path[0] ?? 'topics')}: ${issue?.message ?? 'invalid'}`, EXIT.usage);
  }
  return parsed.data;
}

async function storedEdition(ctx: CliContext, date: string): Promise<Edition> {
  const edition = await loadEdition(ctx.redis(), ctx.keyspace, date);
  if (!edition) {
    throw new CliError(
      `no edition stored for ${date}; build it with: paperboy edition --date ${date} --rebuild (or use --sample)`,
      EXIT.failure,
    );
  }
  return edition;
}
