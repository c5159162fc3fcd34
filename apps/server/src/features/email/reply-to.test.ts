import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { addMember, createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../test/harness';
import { basePrefs, mailTo, putPrefs, runJobs, travelTo } from '../delivery/delivery.test-helpers';
import { findReplyAddress, replyTokenOf } from '../inbound-mail/reply-addresses';
import { threadsApi } from '../threads/threads.test-helpers';

const BOB = 'bob@example.com';
const at = (d: number, h: number, m = 0) => Date.UTC(2026, 0, d, h, m); // January 2026: Lisbon is UTC+0

/** Digests answer by email too: Reply-To for one thread, a reply link per item for several. */
describe.each(databasesUnderTest())('reply addresses in digests on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let bob: Session;
  let api: ReturnType<typeof threadsApi>;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    bob = await addMember(t.app, ana, { name: 'Bob Builder', email: BOB });
    api = threadsApi(t);
    expect((await putPrefs(t, bob, basePrefs('Europe/Lisbon'))).statusCode).toBe(200);
  });
  afterEach(() => t.close());

  const digestAt9 = async () => {
    travelTo(t, at(14, 9));
    await runJobs(t);
    const [mail, ...more] = mailTo(t, BOB);
    expect(more).toEqual([]);
    return simpleParser(mail ?? '');
  };

  it('puts Reply-To on a digest about one thread, bound to Bob and that thread', async () => {
    travelTo(t, at(13, 22));
    const thread = await api.thread(ana, { recipients: { userIds: [bob.user.id] } });
    const digest = await digestAt9();
    const address = digest.replyTo?.value[0]?.address ?? '';
    const bound = await findReplyAddress(t.ctx, replyTokenOf(address) ?? '');
    expect(bound).toMatchObject({ user_id: bob.user.id, thread_id: thread.id });
    expect(digest.text).toContain('Reply to this email to answer in the thread');
  });

  it('gives each thread of a mixed digest its own "Reply by email" address instead', async () => {
    travelTo(t, at(13, 22));
    const first = await api.thread(ana, { recipients: { userIds: [bob.user.id] }, subject: 'Budget' });
    const second = await api.thread(ana, { recipients: { userIds: [bob.user.id] }, subject: 'Hiring' });
    const digest = await digestAt9();
    expect(digest.replyTo).toBeUndefined();
    const addresses = [...(digest.text ?? '').matchAll(/Reply by email: (reply\+\S+)/g)].map(
      (m) => m[1] ?? '',
    );
    expect(addresses).toHaveLength(2);
    const threads = await Promise.all(
      addresses.map(async (a) => (await findReplyAddress(t.ctx, replyTokenOf(a) ?? ''))?.thread_id),
    );
    expect(threads.sort()).toEqual([first.id, second.id].sort());
    expect(digest.html).toContain('mailto:reply+');
  });
});
