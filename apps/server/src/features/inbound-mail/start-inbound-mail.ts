import { type SmtpListener, startSmtpListener } from '../../adapters/mail-in/smtp-listener';
import type { AppContext } from '../../context';
import { inboundMailService } from './inbound-mail.service';

/** The reply-by-email listener on SMTP_IN_HOST:SMTP_IN_PORT (port 0: any free port, for tests). */
export function startInboundMail(ctx: AppContext, port = ctx.config.inboundMail.port): Promise<SmtpListener> {
  const { host, maxBytes, replyDomain } = ctx.config.inboundMail;
  return startSmtpListener({
    port,
    host,
    maxBytes,
    serverName: replyDomain,
    log: ctx.log.child({ component: 'smtp-in' }),
    handler: inboundMailService(ctx),
  });
}
