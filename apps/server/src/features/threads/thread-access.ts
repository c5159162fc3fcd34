import type { ExpressionBuilder } from 'kysely';
import type { Database, UserRole } from '../../db/schema';

export interface Viewer {
  id: string;
  role: UserRole;
}

/**
 * The one definition of who may see a thread, as a WHERE condition on any query with `threads`
 * in scope (thread pages, inbox, search, live events all use it):
 * - its author and the people it is addressed to;
 * - members of a space it is addressed to;
 * - for public spaces, every member of the workspace except guests (guests see only what they
 *   were added to).
 * Callers answer 404, never 403, for a thread outside this set.
 */
export function canSeeThread(eb: ExpressionBuilder<Database, 'threads'>, viewer: Viewer) {
  return eb.or([
    eb('threads.created_by', '=', viewer.id),
    eb.exists(
      eb
        .selectFrom('thread_people')
        .select('thread_people.user_id')
        .whereRef('thread_people.thread_id', '=', 'threads.id')
        .where('thread_people.user_id', '=', viewer.id),
    ),
    eb.exists(
      eb
        .selectFrom('thread_spaces')
        .innerJoin('spaces', 'spaces.id', 'thread_spaces.space_id')
        .select('thread_spaces.space_id')
        .whereRef('thread_spaces.thread_id', '=', 'threads.id')
        .where((s) =>
          s.or([
            ...(viewer.role === 'guest' ? [] : [s('spaces.visibility', '=', 'public')]),
            s.exists(
              s
                .selectFrom('space_members')
                .select('space_members.user_id')
                .whereRef('space_members.space_id', '=', 'spaces.id')
                .where('space_members.user_id', '=', viewer.id),
            ),
          ]),
        ),
    ),
  ]);
}

/** Spaces a person may see: public ones (not for guests) and those they belong to. */
export function canSeeSpace(eb: ExpressionBuilder<Database, 'spaces'>, viewer: Viewer) {
  return eb.or([
    ...(viewer.role === 'guest' ? [] : [eb('spaces.visibility', '=', 'public')]),
    eb.exists(
      eb
        .selectFrom('space_members')
        .select('space_members.user_id')
        .whereRef('space_members.space_id', '=', 'spaces.id')
        .where('space_members.user_id', '=', viewer.id),
    ),
  ]);
}
