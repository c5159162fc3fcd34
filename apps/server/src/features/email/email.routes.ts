import {
  MailStatus,
  OutboxIdParams,
  OutboxList,
  OutboxListQuery,
  UnsubscribeQuery,
  UnsubscribeResult,
} from '@tidings/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import { AppError } from '../../lib/errors';
import type { Services } from '../../services';
import { confirmPage, donePage, errorPage } from './unsubscribe-page';

export function emailRoutes(app: App, { email }: Services): void {
  const tags = ['email'];

  // Mail providers POST `List-Unsubscribe=One-Click` form-encoded (RFC 8058); the body carries
  // nothing we need, so it is read as a string and ignored. Scoped to these routes only.
  app.register(async (scope) => {
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    typed.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => done(null, body),
    );

    typed.get(
      '/email/unsubscribe',
      {
        schema: {
          tags,
          summary: 'Confirmation page for an unsubscribe link (HTML; changes nothing)',
          querystring: UnsubscribeQuery,
        },
      },
      async (request, reply) => {
        const { token } = request.query;
        return html(reply, 200, async () =>
          confirmPage({ token, ...(await email.describeUnsubscribe(token)) }),
        );
      },
    );

    typed.post(
      '/email/unsubscribe',
      {
        // The signed token is the proof; a session cookie riding along must not demand a CSRF header.
        config: { signedLink: true },
        schema: {
          tags,
          summary: 'One-click unsubscribe (RFC 8058): turns one kind of email off',
          querystring: UnsubscribeQuery,
          response: { 200: UnsubscribeResult, ...errorResponses },
        },
      },
      async (request, reply) => {
        if (wantsHtml(request)) {
          return html(reply, 200, async () => donePage(await email.unsubscribe(request.query.token)));
        }
        const done = await email.unsubscribe(request.query.token);
        return { ok: true as const, kind: done.kind };
      },
    );
  });

  app.get(
    '/admin/outbox',
    {
      schema: {
        tags,
        summary: 'Emails written to the outbox, newest first (admins; only without SMTP)',
        querystring: OutboxListQuery,
        response: { 200: OutboxList, ...errorResponses },
      },
    },
    async (request) => email.listOutbox(requireActor(request), request.query.limit),
  );

  app.get(
    '/admin/outbox/:id',
    {
      schema: {
        tags,
        summary: 'One outbox email, raw (RFC 5322) as text/plain (admins)',
        params: OutboxIdParams,
      },
    },
    async (request, reply) => {
      const raw = await email.readOutboxMessage(requireActor(request), request.params.id);
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(raw);
    },
  );

  app.get(
    '/admin/mail-status',
    {
      schema: {
        tags,
        summary: 'How email goes out and the last failure (admins)',
        response: { 200: MailStatus, ...errorResponses },
      },
    },
    async (request) => email.mailStatus(requireActor(request)),
  );
}

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

/** Renders a page, and errors the caller can act on as a page too (not JSON) with their status. */
async function html(reply: FastifyReply, status: number, render: () => Promise<string>) {
  try {
    const body = await render();
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(body);
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    return reply
      .status(error.status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(errorPage(error.message));
  }
}
