import type { FastifyPluginAsync } from 'fastify';
import { ValidationError } from '../../shared/errors.ts';
import { normaliseEmail } from '../../subscribers/index.ts';
import { acceptForms } from '../accept-forms.ts';
import type { WebContext } from '../context.ts';
import { lenientDelivery, parseDelivery } from '../delivery-form.ts';
import { lenientValues, parseSubscribeForm } from '../forms.ts';
import { html } from '../html.ts';
import { ALL_THEMES } from '../feeds/paths.ts';
import { defaultDelivery } from '../pages/delivery-fields.ts';
import { feedAlternates } from '../pages/feed-links.ts';
import { homeBody } from '../pages/home.ts';
import { SUBSCRIBE_PAGE_CSP } from '../pages/layout.ts';
import { messageBody } from '../pages/message.ts';
import { DEFAULT_CHOICES } from '../pages/topic-fields.ts';
import { RATE_LIMITS } from '../rate-limit.ts';
import { sendPage } from '../respond.ts';

/** GET / (what Paperboy sends, the subscribe form) and POST /subscribe (double opt-in). */
export const homeRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  await acceptForms(app);
  const topicIds = ctx.topics.map((t) => t.id);
  // The server's default zone until the browser's replaces it (the form's small script).
  const defaultZone = ctx.deps.config.schedule.tz;

  app.get('/', (_request, reply) =>
    sendPage(reply.header('content-security-policy', SUBSCRIBE_PAGE_CSP), ctx, {
      title: 'Daily ML papers by topic',
      body: homeBody({
        topics: ctx.topics,
        values: { ...DEFAULT_CHOICES, email: '' },
        delivery: defaultDelivery(defaultZone),
      }),
      head: feedAlternates([{ id: ALL_THEMES, label: 'All topics' }]),
    }),
  );

  app.post('/subscribe', async (request, reply) => {
    const perIp = await ctx.limiter.hit(RATE_LIMITS.subscribePerIp, request.ip);
    if (!perIp.allowed) {
      void reply.header('retry-after', String(perIp.retryAfterSeconds));
      return sendPage(reply, ctx, {
        status: 429,
        title: 'Too many requests',
        body: messageBody({ heading: 'Too many requests', text: 'Please wait a little and try again.', tone: 'error' }),
      });
    }
    let form;
    let email;
    let delivery;
    try {
      form = parseSubscribeForm(request.body, topicIds);
      delivery = parseDelivery(request.body);
      email = normaliseEmail(form.email);
      if (form.topics.length === 0) throw new ValidationError('Choose at least one topic', 'topics');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(reply.header('content-security-policy', SUBSCRIBE_PAGE_CSP), ctx, {
        status: 400,
        title: 'Please check the form',
        body: homeBody({
          topics: ctx.topics,
          values: lenientValues(request.body),
          delivery: lenientDelivery(request.body, defaultZone),
          error: { field: error.field ?? 'form', message: error.message },
        }),
      });
    }
    const preferences = {
      topics: form.topics,
      perTopic: form.perTopic,
      alsoTrending: form.alsoTrending,
      ...delivery,
    };
    // Everything that depends on the address happens after the answer, so the answer (and its timing) is the
    // same whether the address is new, pending, active or suppressed. The work after it is the same too: one
    // rate-limit count, one store script and the same two renders for every state; only the send differs.
    const address = email.address;
    ctx.background.run('subscribe', async () => {
      const perAddress = await ctx.limiter.hit(RATE_LIMITS.subscribePerAddress, email.key);
      if (!perAddress.allowed) return;
      const request = await ctx.store.requestSubscription(address, preferences);
      await ctx.mailer.answerSubscription(request.answer, request.subscriber);
    });
    return sendPage(reply, ctx, {
      title: 'Check your inbox',
      body: messageBody({
        heading: 'Check your inbox',
        text: html`We have sent a message to <strong>${address}</strong>. Click the link in it to confirm your
          subscription. Nothing arrives until you do.`,
        tone: 'ok',
        extra: html`<p>No email after a few minutes? Check your spam folder, or <a href="/">try again</a>.</p>`,
      }),
    });
  });
};
