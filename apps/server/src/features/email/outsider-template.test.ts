import { describe, expect, it } from 'vitest';
import { renderOutsiderEmail } from './outsider-template';

const base = {
  recipient: { name: 'Ann Lee', email: 'ann@client.example', timeZone: 'Europe/Lisbon' },
  threadId: 't1',
  postId: 'p1',
  subject: 'Q3 <b>plan</b>',
  senderName: 'Ana Owner',
  expectation: 'reply' as const,
  dueAt: null,
  text: 'Line one <script>alert(1)</script>\nLine two',
  recording: null,
  linkUrl: 'https://tidings.example.com/x/AbC',
  replyTo: 'reply+tok@tidings.example.com',
  idleDays: 30,
  host: 'tidings.example.com',
};

describe('the email to an outsider', () => {
  it('carries the whole text escaped, their link, the reply hint and Reply-To; no image without a poster', () => {
    const email = renderOutsiderEmail(base);
    expect(email.subject).toBe('Q3 <b>plan</b>');
    expect(email.replyTo).toBe('reply+tok@tidings.example.com');
    expect(email.html).toContain('Line one &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('href="https://tidings.example.com/x/AbC#post-p1"');
    expect(email.html).not.toContain('<img');
    expect(email.text).toContain('Ana Owner sent you a message. Reply when you can.');
    expect(email.text).toContain('Open and reply: https://tidings.example.com/x/AbC#post-p1');
    expect(email.text).toContain('Reply to this email to answer in the thread.');
    expect(email.text).toContain('stops working after 30 days without use');
    expect(email.inReplyTo).toBe('<thread-t1@tidings.example.com>');
    expect(email.messageId).toMatch(/^<outsider-p1-[0-9a-f]{16}@tidings\.example\.com>$/);
  });

  it('shows a video by its poster, linking into the thread through their link, and labels the transcript', () => {
    const email = renderOutsiderEmail({
      ...base,
      text: 'What was said',
      recording: { kind: 'video', posterUrl: 'https://tidings.example.com/email-poster/m1?exp=1&sig=s' },
    });
    expect(email.html).toMatch(
      /<a href="https:\/\/tidings\.example\.com\/x\/AbC#post-p1"[^>]*><img src="https:\/\/tidings\.example\.com\/email-poster\/m1\?exp=1&amp;sig=s"/,
    );
    expect(email.text).toContain('Ana Owner sent you a video message.');
    expect(email.text).toContain('Transcript:\nWhat was said');
    expect(email.text).toContain('Watch and reply:');
  });

  it('for someone added to a thread under way: who added them, the opening post escaped, the count between', () => {
    const email = renderOutsiderEmail({
      ...base,
      added: {
        byName: 'Cleo <Member>',
        opening: { senderName: 'Ana Owner', text: 'It began <i>here</i>\nsecond line' },
        between: 3,
        key: 't1-u1-5',
      },
    });
    expect(email.text).toContain('Cleo <Member> added you to this conversation. The latest, from Ana Owner');
    expect(email.text).toContain('It began with Ana Owner:\n> It began <i>here</i>\n> second line');
    expect(email.text).toContain('3 more messages in between; open the thread to read them.');
    expect(email.html).toContain('Cleo &lt;Member&gt; added you');
    expect(email.html).toContain('It began &lt;i&gt;here&lt;/i&gt;');
    expect(email.html).not.toContain('<i>here');
    // Its own Message-ID: never taken for the email of the latest post itself.
    expect(email.messageId).toMatch(/^<outsider-added-t1-u1-5-[0-9a-f]{16}@tidings\.example\.com>$/);
    expect(email.messageId).not.toBe(renderOutsiderEmail(base).messageId);
  });
});
