import type { DatabaseKind } from '../../../test/databases';
import { addMember, createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../test/harness';
import type { SmtpListener } from '../../adapters/mail-in/smtp-listener';
import { threadsApi } from '../threads/threads.test-helpers';
import { mintReplyAddress } from './reply-addresses';
import { startInboundMail } from './start-inbound-mail';

export interface ReplyScene {
  t: TestApp;
  smtp: SmtpListener;
  ana: Session;
  ben: Session;
  threadId: string;
  /** Ben's `reply+<token>@reply.tidings.test` for Ana's thread. */
  benAddress: string;
}

/**
 * What every inbound-mail test starts from: an app with an inbound SMTP listener on a free
 * port, Ana's thread asking Ben for a reply, and Ben's reply address for it.
 */
export async function startReplyScene(
  kind: DatabaseKind,
  env: Record<string, string> = {},
): Promise<ReplyScene> {
  const t = await createTestApp(kind, { REPLY_DOMAIN: 'reply.tidings.test', ...env });
  const smtp = await startInboundMail(t.ctx, 0);
  const ana = await setUpWorkspace(t.app);
  const ben = await addMember(t.app, ana, { name: 'Ben Porter', email: 'ben@example.com' });
  const thread = await threadsApi(t).thread(ana, {
    recipients: { userIds: [ben.user.id] },
    body: 'Could you look at the deck before Thursday?',
    expectation: { kind: 'reply' },
  });
  const benAddress = await mintReplyAddress(t.ctx, ben.user.id, thread.id);
  return { t, smtp, ana, ben, threadId: thread.id, benAddress };
}
