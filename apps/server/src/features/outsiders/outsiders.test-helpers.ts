import { type ParsedMail, simpleParser } from 'mailparser';
import { expect } from 'vitest';
import { request, type Session, sessionFrom, type TestApp } from '../../../test/harness';
import { outbox, runJobs } from '../delivery/delivery.test-helpers';
import { threadsApi } from '../threads/threads.test-helpers';

/** The parsed emails sent to `address`, oldest first (after running due jobs). */
export async function emailsTo(t: TestApp, address: string): Promise<ParsedMail[]> {
  await runJobs(t);
  const parsed = await Promise.all(outbox(t).map((raw) => simpleParser(raw)));
  return parsed
    .filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((v) => v.address === address))
    .sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0));
}

/** The private link token in an outsider's email. */
export function linkTokenIn(mail: ParsedMail): string {
  const match = /\/x\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? '');
  if (!match?.[1]) throw new Error(`no private link in: ${mail.text}`);
  return match[1];
}

export const redeem = (t: TestApp, token: string) =>
  request(t.app, { method: 'POST', url: '/api/outsiders/redeem', payload: { token } });

/** Redeems a token and returns the outsider's session. */
export async function outsiderSession(t: TestApp, token: string): Promise<Session> {
  const response = await redeem(t, token);
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json();
  const setCookie = response.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return {
    cookie: (raw ?? '').split(';')[0] ?? '',
    csrfToken: body.session.csrfToken,
    user: body.session.user,
  };
}

/** A thread from `as` to `emails` (and optional members); returns the thread. */
export async function threadToEmails(
  t: TestApp,
  as: Session,
  emails: string[],
  extra: Record<string, unknown> = {},
) {
  return threadsApi(t).thread(as, { recipients: { emails }, ...extra });
}

export { sessionFrom };
