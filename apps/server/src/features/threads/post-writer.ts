import type { ExpectationInput, QuoteInput } from '@tidings/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { renderMarkdown } from '../../adapters/markdown/markdown';
import type { Database, PostRow, ThreadRow, UserRow } from '../../db/schema';
import { invalid } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { decideDeliveries } from '../delivery/decide-deliveries';
import { holdUntilWorkingHours } from '../delivery/hold-until-working-hours';
import { attachMedia } from '../media/attach';
import { checkMomentDraft } from '../moments/moment-rules';
import { fanOutPost } from './inbox-fanout';
import { findPeople } from './people';
import { postsRepository } from './posts.repository';
import { threadsRepository } from './threads.repository';

export interface PostDraft {
  body: string;
  expectation: z.output<typeof ExpectationInput>;
  quote?: z.output<typeof QuoteInput> | undefined;
  /** Remind the author if nobody has answered by then (delivery engine). */
  remindIfNoAnswerBy?: number | undefined;
  /** Recordings to attach (the author's own, in no post yet). */
  mediaIds?: string[] | undefined;
  /** Hold the post in each recipient's inbox until their working hours begin. */
  deliverInWorkingHours?: boolean | undefined;
  /** A comment on the moment: the recording (in this thread) and the time it is about. */
  moment?: { mediaId: string; atMs: number } | undefined;
  /** The comment this post answers. */
  replyToId?: string | undefined;
  /** How it was written; 'app' unless it came by email or through an outsider's link. */
  via?: 'app' | 'email' | 'link' | undefined;
}

export interface WrittenPost {
  post: PostRow;
  /** People whose inbox row changed. */
  inboxChanged: string[];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Checks that each of `userIds` exists and may see the thread; returns them by id. */
export async function assertCanSee(
  db: Kysely<Database>,
  threadId: string,
  userIds: string[],
  field: string,
  problem: (name: string) => string,
): Promise<Map<string, UserRow>> {
  const people = await findPeople(db, userIds);
  const threads = threadsRepository(db);
  for (const id of new Set(userIds)) {
    const person = people.get(id);
    if (!person)
      throw invalid('Someone named here is not in this workspace.', { [field]: `Unknown person: ${id}` });
    if (!(await threads.canSee(person, threadId))) {
      throw invalid(problem(person.name), { [field]: problem(person.name) });
    }
  }
  return people;
}

/** Mentions notify, so a mentioned person must be able to open the thread. */
export async function checkMentions(db: Kysely<Database>, threadId: string, mentions: { userId: string }[]) {
  await assertCanSee(
    db,
    threadId,
    mentions.map((m) => m.userId),
    'body',
    (name) => `${name} cannot see this thread; add them as a recipient`,
  );
  return mentions.map((m) => m.userId);
}

/** Dates must lie ahead, and only the dated kinds keep one. */
function expectationColumns(expectation: PostDraft['expectation'], now: number) {
  const dated = expectation.kind === 'reply_by' || expectation.kind === 'decision_by';
  if (dated && (expectation.dueAt ?? 0) <= now) {
    throw invalid('The date you need an answer by has already passed.', {
      'expectation.dueAt': 'Choose a time in the future',
    });
  }
  return {
    expectation: expectation.kind,
    due_at: dated ? (expectation.dueAt ?? null) : null,
    urgent_reason: expectation.kind === 'urgent' ? (expectation.urgentReason ?? null) : null,
  };
}

/**
 * Writes one post into a thread the author may see, inside the caller's transaction: renders the
 * markdown, checks mentions, asks and the quote, closes the author's own open asks in the thread
 * (replying answers them), records who is asked, and fans the post out to inboxes.
 */
export async function writePost(
  db: Kysely<Database>,
  thread: ThreadRow,
  author: UserRow,
  draft: PostDraft,
  now: number,
): Promise<WrittenPost> {
  const posts = postsRepository(db);
  const threads = threadsRepository(db);
  // Every way in (app, email, links) gets the same rule: a recording of this thread, a time in it.
  await checkMomentDraft(db, thread.id, draft);
  const rendered = renderMarkdown(draft.body);
  const columns = expectationColumns(draft.expectation, now);
  const mentioned = await checkMentions(db, thread.id, rendered.mentions);
  if (draft.deliverInWorkingHours && draft.expectation.kind === 'urgent') {
    throw invalid('An urgent message goes out at once; it cannot wait for working hours.', {
      deliverInWorkingHours: 'Not for urgent messages',
    });
  }

  let asked: string[] = [];
  if (draft.expectation.kind !== 'fyi') {
    const named = draft.expectation.askedUserIds;
    if (named && named.length > 0) {
      await assertCanSee(
        db,
        thread.id,
        named,
        'expectation.askedUserIds',
        (name) => `${name} cannot see this thread; add them as a recipient first`,
      );
      asked = named;
    } else {
      asked = await threads.audience(thread.id);
    }
    asked = [...new Set(asked)].filter((id) => id !== author.id);
  }

  let quote: Pick<PostRow, 'quote_post_id' | 'quote_text'> = { quote_post_id: null, quote_text: null };
  if (draft.quote) {
    const source = await posts.find(draft.quote.postId);
    const text = squash(draft.quote.text);
    const found =
      source &&
      source.thread_id === thread.id &&
      source.deleted_at === null &&
      (squash(source.body_text).includes(text) || squash(source.body_md).includes(text));
    if (!found) {
      throw invalid('The quoted passage is not in an earlier post of this thread.', {
        quote: 'Quote a passage of a post in this thread',
      });
    }
    quote = { quote_post_id: source.id, quote_text: draft.quote.text };
  }

  await posts.answerOpenAsksInThread(thread.id, author.id, 'reply', now);
  const post: PostRow = {
    id: newId(),
    thread_id: thread.id,
    author_id: author.id,
    body_md: draft.body,
    body_html: rendered.html,
    body_text: rendered.text,
    media_id: draft.moment?.mediaId ?? null,
    at_ms: draft.moment?.atMs ?? null,
    reply_to_id: draft.replyToId ?? null,
    via: draft.via ?? 'app',
    ...columns,
    ...quote,
    created_at: now,
    edited_at: null,
    deleted_at: null,
  };
  await posts.insert(post);
  await attachMedia(db, author.id, post.id, draft.mediaIds ?? [], now);
  await posts.insertAsks(post.id, asked);
  await threads.touch(thread.id, now);
  const inboxChanged = await fanOutPost(db, {
    threadId: thread.id,
    postId: post.id,
    authorId: author.id,
    at: now,
    askedUserIds: asked,
    mentionedUserIds: mentioned,
    canSee: async (userId) => {
      const person = (await findPeople(db, [userId])).get(userId);
      return person !== undefined && threads.canSee(person, thread.id);
    },
  });
  await decideDeliveries(
    db,
    {
      postId: post.id,
      threadId: thread.id,
      authorId: author.id,
      expectation: post.expectation,
      dueAt: post.due_at,
      interruptOutsideHours: draft.expectation.interruptOutsideHours ?? false,
      remindIfNoAnswerBy: draft.remindIfNoAnswerBy ?? null,
      recipients: inboxChanged.filter((id) => id !== author.id),
      asked: new Set(asked),
      mentioned: new Set(mentioned),
    },
    now,
  );
  if (draft.deliverInWorkingHours) {
    await holdUntilWorkingHours(
      db,
      thread.id,
      inboxChanged.filter((id) => id !== author.id),
      now,
    );
  }
  return { post, inboxChanged };
}
