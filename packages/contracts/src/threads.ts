import { z } from 'zod';
import { EpochMs, Id } from './common';
import { Media } from './media';
import { MomentInput, PostMoment } from './moments';
import { RecipientEmails } from './outsiders';
import { Person } from './person';

export { Person };

/** What the sender asks of the people addressed: the answer to "Do you need a response?". */
export const ExpectationKind = z.enum(['fyi', 'reply', 'reply_by', 'decision_by', 'urgent']);
export type ExpectationKind = z.infer<typeof ExpectationKind>;

export const ExpectationInput = z
  .object({
    kind: ExpectationKind,
    dueAt: EpochMs.optional().describe('Required for reply_by and decision_by; must be in the future'),
    urgentReason: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('Required for urgent: one line on why it cannot wait'),
    askedUserIds: z
      .array(Id)
      .max(500)
      .optional()
      .describe('Who must answer; default everyone addressed except the author'),
    interruptOutsideHours: z
      .boolean()
      .optional()
      .describe(
        'Urgent only: the sender saw the local times and confirms it may interrupt outside working hours',
      ),
  })
  .superRefine((v, ctx) => {
    if ((v.kind === 'reply_by' || v.kind === 'decision_by') && v.dueAt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'Choose the date you need it by' });
    }
    if (v.kind === 'urgent' && !v.urgentReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['urgentReason'],
        message: 'Say in one line why this cannot wait',
      });
    }
  });
export type ExpectationInput = z.input<typeof ExpectationInput>;

/** Markdown as typed; 100 000 characters is far beyond any real message. */
export const PostBody = z
  .string()
  .max(100_000, { message: 'Keep a message under 100 000 characters; attach long documents instead' });

export const Recipients = z.object({
  userIds: z.array(Id).max(500).default([]),
  spaceIds: z.array(Id).max(50).default([]),
  emails: RecipientEmails.describe(
    "Email addresses: a member's address addresses the member; any other adds an outsider (members only)",
  ),
});

export const QuoteInput = z.object({ postId: Id, text: z.string().trim().min(1).max(2000) });

export const Subject = z
  .string()
  .trim()
  .min(1, { message: 'Give the thread a subject' })
  .max(200, { message: 'Keep the subject under 200 characters' });

/** Recordings to attach: the author's own, not attached elsewhere; they may still be uploading. */
export const MediaIds = z.array(Id).max(10, { message: 'Attach at most 10 recordings' }).default([]);

/**
 * "At the start of their working day": the post is sent now but waits, snoozed, in each
 * recipient's inbox until their own working hours begin. Not for urgent posts.
 */
export const DeliverInWorkingHours = z
  .boolean()
  .default(false)
  .describe("Hold the post in each recipient's inbox until their working hours begin");

/** A recording alone is a whole message (a voice note needs no caption). */
function hasWordsOrRecording(v: { body: string; mediaIds: string[] }): boolean {
  return v.body.trim().length > 0 || v.mediaIds.length > 0;
}

export const CreateThreadRequest = z
  .object({
    subject: Subject,
    recipients: Recipients,
    body: PostBody.default(''),
    expectation: ExpectationInput,
    remindIfNoAnswerBy: EpochMs.optional().describe('Remind the sender if nobody has answered by then'),
    deliverInWorkingHours: DeliverInWorkingHours,
    mediaIds: MediaIds,
  })
  .refine(hasWordsOrRecording, { path: ['body'], message: 'Write a message or attach a recording' })
  .refine(
    (v) => v.recipients.userIds.length + v.recipients.spaceIds.length + v.recipients.emails.length > 0,
    {
      path: ['recipients'],
      message: 'Address the thread to at least one person, space or email address',
    },
  );
export type CreateThreadRequest = z.input<typeof CreateThreadRequest>;

export const ReplyRequest = z
  .object({
    body: PostBody.default(''),
    expectation: ExpectationInput.default({ kind: 'fyi' }),
    quote: QuoteInput.optional(),
    remindIfNoAnswerBy: EpochMs.optional().describe('Remind the sender if nobody has answered by then'),
    deliverInWorkingHours: DeliverInWorkingHours,
    mediaIds: MediaIds,
    moment: MomentInput.optional().describe('A comment on the moment of a recording in this thread'),
    replyToId: Id.optional().describe('The comment (a post of this thread) this answers'),
  })
  .refine(hasWordsOrRecording, { path: ['body'], message: 'Write a reply or attach a recording' });
export type ReplyRequest = z.input<typeof ReplyRequest>;

export const EditPostRequest = z.object({
  body: PostBody.refine((b) => b.trim().length > 0, { message: 'Write something' }),
});
export const AnswerRequest = z.object({ how: z.enum(['answered', 'decided']) });
export const SubscriptionRequest = z.object({ mode: z.enum(['follow', 'mute', 'default']) });

export const SpaceRef = z.object({ id: Id, name: z.string() });

export const Ask = z.object({
  person: Person,
  answeredAt: EpochMs.nullable(),
  answeredHow: z.enum(['reply', 'answered', 'decided']).nullable(),
  seenAt: EpochMs.nullable(),
});
export type Ask = z.infer<typeof Ask>;

/** A file attached to a post that is not a recording; served as a download to people who can see it. */
export const PostFile = z.object({
  id: Id,
  name: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  url: z.string().describe('GET it (signed in) to download: /api/posts/{postId}/files/{fileId}'),
});
export type PostFile = z.infer<typeof PostFile>;

export const Post = z
  .object({
    id: Id,
    threadId: Id,
    author: Person,
    bodyHtml: z.string().describe('Sanitized HTML rendered from the markdown'),
    bodyMarkdown: z.string().describe('The markdown as written ("" once deleted)'),
    createdAt: EpochMs,
    editedAt: EpochMs.nullable(),
    deletedAt: EpochMs.nullable(),
    expectation: z.object({
      kind: ExpectationKind,
      dueAt: EpochMs.nullable(),
      urgentReason: z.string().nullable(),
    }),
    asks: z.array(Ask).describe('Who was asked to answer, and where each stands'),
    seenBy: z.array(Person).describe('Addressed people who have seen the post (sender view)'),
    quote: z.object({ postId: Id, text: z.string(), authorName: z.string() }).nullable(),
    media: z.array(Media).describe('Recordings attached, in the order given'),
    moment: PostMoment.nullable().optional().describe('Set on a comment on the moment of a recording'),
    replyToId: Id.nullable().optional().describe('The comment this post answers'),
    via: z
      .enum(['app', 'email', 'link'])
      .optional()
      .describe('How it was written: in the app, by email, by an outside link'),
    files: z.array(PostFile).optional().describe('Attachments that are not recordings (a PDF sent by email)'),
  })
  .meta({ id: 'Post' });
export type Post = z.infer<typeof Post>;

export const Thread = z
  .object({
    id: Id,
    subject: z.string(),
    createdBy: Person,
    createdAt: EpochMs,
    lastPostAt: EpochMs,
    resolvedAt: EpochMs.nullable(),
    recipients: z.object({ people: z.array(Person), spaces: z.array(SpaceRef) }),
    subscription: z.enum(['follow', 'mute', 'default']),
    posts: z.array(Post),
  })
  .meta({ id: 'Thread' });
export type Thread = z.infer<typeof Thread>;

export const PostRevision = z.object({ bodyMarkdown: z.string(), editedAt: EpochMs });
export const PostRevisionList = z.object({ revisions: z.array(PostRevision) });
export const UrgentStats = z.object({ sentThisWeek: z.number().int() });

/** A thread in a list (a space's page): enough to show a row without loading its posts. */
export const ThreadSummary = z
  .object({
    id: Id,
    subject: z.string(),
    createdBy: Person,
    createdAt: EpochMs,
    lastPostAt: EpochMs,
    resolvedAt: EpochMs.nullable(),
    postCount: z.number().int(),
    excerpt: z.string().describe('First words of the latest post, as plain text'),
  })
  .meta({ id: 'ThreadSummary' });
export type ThreadSummary = z.infer<typeof ThreadSummary>;
export const ThreadSummaryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.coerce
    .number()
    .int()
    .optional()
    .describe('Cursor: lastPostAt of the last thread of the previous page'),
});
export const ThreadSummaryList = z.object({
  threads: z.array(ThreadSummary),
  nextBefore: EpochMs.nullable(),
});

/** Adding people, spaces or email addresses to a thread under way (same rules as creating one). */
export const AddRecipientsRequest = Recipients.refine(
  (v) => v.userIds.length + v.spaceIds.length + v.emails.length > 0,
  { path: ['recipients'], message: 'Name at least one person, space or email address to add' },
);
export type AddRecipientsRequest = z.input<typeof AddRecipientsRequest>;
export const AddRecipientsAnswer = z.object({
  thread: Thread,
  added: z.object({
    people: z.array(Person).describe('Members and guests now addressed'),
    spaces: z.array(SpaceRef),
    outsiders: z
      .array(z.object({ person: Person, email: z.string() }))
      .describe('People outside the workspace: emailed the thread so far with their private link'),
  }),
  alreadyIn: z.array(Person).describe('Named but already addressed (or the thread’s author): unchanged'),
});
export type AddRecipientsAnswer = z.infer<typeof AddRecipientsAnswer>;
