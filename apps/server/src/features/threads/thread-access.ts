import type { ExpressionBuilder } from 'kysely';
import type { Database, UserRole } from '../../db/schema';

export interface Viewer {
  id: string;
  role: UserRole;
}

/** Guests and outsiders (role 'external') never see public spaces by default. */
const seesOnlyWhatTheyWereAddedTo = (viewer: Viewer) => viewer.role === 'guest' || viewer.role === 'external';

/**
 * The one definition of who may see a thread, as a WHERE condition on any query with `threads`
 * in scope (thread pages, inbox, search, live events all use it):
 * - its author and the people it is addressed to;
 * - members of a space it is addressed to;
 * - for public spaces, every member of the workspace except guests and outsiders (they see only
 *   what they were added to).
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
            ...(seesOnlyWhatTheyWereAddedTo(viewer) ? [] : [s('spaces.visibility', '=', 'public')]),
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
    ...(seesOnlyWhatTheyWereAddedTo(viewer) ? [] : [eb('spaces.visibility', '=', 'public')]),
    eb.exists(
      eb
        .selectFrom('space_members')
        .select('space_members.user_id')
        .whereRef('space_members.space_id', '=', 'spaces.id')
        .where('space_members.user_id', '=', viewer.id),
    ),
  ]);
}
