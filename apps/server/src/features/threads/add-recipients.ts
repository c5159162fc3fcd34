import type { AddRecipientsAnswer, AddRecipientsRequest } from '@tidings/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { Database, SpaceRow, UserRow } from '../../db/schema';
import { enqueue } from '../../jobs/queue';
import { invalid } from '../../lib/errors';
import type { Actor } from '../accounts/actor';
import { decideDeliveries } from '../delivery/decide-deliveries';
import { addressEmails } from '../outsiders/address-emails';
import { outsiderAddedJob } from '../outsiders/outsider-added.job';
import { outsidersRepository } from '../outsiders/outsiders.repository';
import { spacesRepository } from '../spaces/spaces.repository';
import { notifyPeople } from './inbox-fanout';
import { publishAll } from './live';
import { findPeople, presentPerson } from './people';
import type { AttachedMedia } from './present';
import { presentThread } from './present';
import { threadRecipientsRepository } from './thread-recipients.repository';
import { threadsRepository } from './threads.repository';
import type { ThreadsService } from './threads.service';

/**
 * The people and spaces an actor names as recipients, checked the way a new thread checks them:
 * every id must exist and spaces must be visible to the actor (400 with the unknown ids
 * otherwise), and archived spaces take no new threads.
 */
export async function findRecipients(
  db: Kysely<Database>,
  actor: Actor,
  userIds: string[],
  spaceIds: string[],
): Promise<{ people: Map<string, UserRow>; spaces: SpaceRow[] }> {
  const people = await findPeople(db, userIds);
  const spaces = await spacesRepository(db).visibleAmong(actor.user, spaceIds);
  const unknown = [
    ...userIds.filter((id) => !people.has(id)),
    ...spaceIds.filter((id) => !spaces.some((s) => s.id === id)),
  ];
  if (unknown.length > 0) {
    throw invalid('Some recipients were not found.', {
      recipients: `Not found, or not visible to you: ${unknown.join(', ')}`,
    });
  }
  const archived = spaces.filter((s) => s.archived_at !== null);
  if (archived.length > 0) {
    throw invalid('An archived space takes no new threads.', {
      recipients: `${archived.map((s) => s.name).join(', ')} is archived; unarchive it first`,
    });
  }
  return { people, spaces };
}

/**
 * Adds people, spaces and email addresses to a thread the actor can see (404 otherwise). Those
 * who could not see it before get an inbox row pointing at the latest post (members) or an
 * email with the thread so far and their private link (outsiders, by a job after commit); open
 * thread pages are told. Already-addressed names change nothing and are reported back.
 */
export async function addRecipients(
  ctx: AppContext,
  threads: ThreadsService,
  attached: AttachedMedia,
  actor: Actor,
  threadId: string,
  input: z.output<typeof AddRecipientsRequest>,
): Promise<AddRecipientsAnswer> {
  const thread = await threads.findVisible(actor, threadId);
  const userIds = [...new Set(input.userIds)];
  const { spaces } = await findRecipients(ctx.db, actor, userIds, [...new Set(input.spaceIds)]);
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const repo = threadRecipientsRepository(trx);
    const byEmail = await addressEmails(trx, actor, input.emails, now, 'emails');
    const [people, spaceIds, before] = await Promise.all([
      repo.peopleIds(threadId),
      repo.spaceIds(threadId),
      threadsRepository(trx).audience(threadId),
    ]);
    const named = [...new Set([...userIds, ...byEmail])];
    const isIn = (id: string) => people.has(id) || id === thread.created_by;
    const newPeople = named.filter((id) => !isIn(id));
    const newSpaces = spaces.filter((s) => !spaceIds.has(s.id));
    await repo.addPeople(threadId, newPeople);
    await repo.addSpaces(
      threadId,
      newSpaces.map((s) => s.id),
    );
    const had = new Set(before);
    const newcomers = (await threadsRepository(trx).audience(threadId)).filter((id) => !had.has(id));
    const outsiders = await outsidersRepository(trx).externalAmong(newcomers);
    const members = newcomers.filter((id) => !outsiders.has(id));
    const latest = await repo.latestPost(threadId);
    if (latest && members.length > 0) {
      await notifyPeople(trx, threadId, latest.id, now, members);
      // They hear of the thread the way they hear of any post: in their next digest, per their
      // own preferences (being added asks nothing of them, so it never interrupts).
      await decideDeliveries(
        trx,
        {
          postId: latest.id,
          threadId,
          authorId: latest.author_id,
          expectation: latest.expectation,
          dueAt: latest.due_at === null ? null : Number(latest.due_at),
          interruptOutsideHours: false,
          remindIfNoAnswerBy: null,
          recipients: members,
          asked: new Set(),
          mentioned: new Set(),
        },
        now,
      );
    }
    for (const userId of outsiders) {
      const key = `${threadId}-${userId}-${now}`;
      await enqueue(trx, outsiderAddedJob, { userId, threadId, addedBy: actor.user.id, key }, now, {
        dedupeKey: `${outsiderAddedJob.name}:${key}`,
      });
    }
    return { newPeople, newSpaces, members, alreadyIn: named.filter(isIn), outsiders };
  });
  await publishAll(ctx, [
    { userIds: await threads.watchers(threadId), event: { type: 'thread.updated', threadId } },
    { userIds: result.members, event: { type: 'inbox.changed', threadId } },
  ]);
  const shown = await findPeople(ctx.db, [...result.newPeople, ...result.alreadyIn]);
  const person = (id: string) => {
    const row = shown.get(id);
    return row ? [row] : [];
  };
  const addedPeople = result.newPeople.flatMap(person);
  return {
    thread: await presentThread(ctx.db, actor.user, thread, attached),
    added: {
      people: addedPeople.filter((p) => p.role !== 'external').map(presentPerson),
      spaces: result.newSpaces.map((s) => ({ id: s.id, name: s.name })),
      outsiders: addedPeople
        .filter((p) => p.role === 'external')
        .map((p) => ({ person: presentPerson(p), email: p.email })),
    },
    alreadyIn: result.alreadyIn.flatMap(person).map(presentPerson),
  };
}
