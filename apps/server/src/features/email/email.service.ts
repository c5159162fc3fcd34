import type { MailStatus, OutboxList } from '@tidings/contracts';
import { outboxDir } from '../../adapters/mail/create-mail-transport';
import { listOutbox, readOutboxMessage } from '../../adapters/mail/outbox-reader';
import type { AppContext } from '../../context';
import { AppError, invalid, notFound } from '../../lib/errors';
import type { Actor } from '../accounts/actor';
import { deliveryRepository } from '../delivery/delivery.repository';
import { assertCanReadMail } from './email.policy';
import { emailRepository } from './email.repository';
import type { EmailKind } from './email.types';
import { verifyUnsubscribeToken } from './signed-links';

export interface UnsubscribeTarget {
  userId: string;
  email: string;
  kind: EmailKind;
  /** Already off: the page says so instead of offering the button. */
  alreadyOff: boolean;
}

export function emailService(ctx: AppContext) {
  const emails = emailRepository(ctx.db);

  async function target(token: string): Promise<UnsubscribeTarget> {
    const verified = await verifyUnsubscribeToken(ctx, token);
    if (!verified) {
      throw invalid('This unsubscribe link is not valid. Change your email settings in Tidings instead.', {
        token: 'Not a link Tidings signed',
      });
    }
    const user = await emails.userById(verified.userId);
    if (!user) throw notFound('That account');
    const prefs = (await deliveryRepository(ctx.db).preferencesOf([user.id])).get(user.id);
    const alreadyOff = prefs ? !prefs.preferences.channels[verified.kind].email : false;
    return { userId: user.id, email: user.email, kind: verified.kind, alreadyOff };
  }

  return {
    /** What a signed unsubscribe link would turn off (for the confirmation page; changes nothing). */
    describeUnsubscribe: target,

    /** RFC 8058 one-click: turns this kind of email off in the person's delivery preferences. */
    async unsubscribe(token: string): Promise<UnsubscribeTarget> {
      const found = await target(token);
      if (found.alreadyOff) return found;
      await ctx.db.transaction().execute(async (trx) => {
        const repo = deliveryRepository(trx);
        const current = (await repo.preferencesOf([found.userId])).get(found.userId);
        if (!current) throw notFound('That account');
        const { preferences } = current;
        const channels = {
          ...preferences.channels,
          [found.kind]: { ...preferences.channels[found.kind], email: false },
        };
        await repo.savePreferences(found.userId, { ...preferences, channels }, ctx.now());
      });
      ctx.log.info({ userId: found.userId, kind: found.kind }, 'email kind turned off by unsubscribe link');
      return { ...found, alreadyOff: true };
    },

    async listOutbox(actor: Actor, limit: number): Promise<OutboxList> {
      assertCanReadMail(actor);
      const { entries, total } = await listOutbox(requireOutbox(ctx), limit);
      return { messages: entries, total };
    },

    async readOutboxMessage(actor: Actor, id: string): Promise<Buffer> {
      assertCanReadMail(actor);
      const raw = await readOutboxMessage(requireOutbox(ctx), id);
      if (!raw) throw notFound('That message');
      return raw;
    },

    mailStatus(actor: Actor): MailStatus {
      assertCanReadMail(actor);
      const smtp = ctx.config.smtp;
      return {
        transport: ctx.mail.kind,
        from: ctx.config.mailFrom,
        smtp: smtp ? { host: smtp.host, port: smtp.port, secure: smtp.secure } : null,
        lastError: ctx.mail.lastError?.() ?? null,
      };
    },
  };
}

/** The outbox only exists while no SMTP server is configured. */
function requireOutbox(ctx: AppContext): string {
  if (ctx.mail.kind !== 'outbox') {
    throw new AppError(
      404,
      'outbox_disabled',
      'There is no outbox: SMTP is configured (SMTP_HOST), so email goes to the SMTP server.',
    );
  }
  return outboxDir(ctx.config);
}

export type EmailService = ReturnType<typeof emailService>;
