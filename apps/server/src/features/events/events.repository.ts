import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { canSeeThread, type Viewer } from '../threads/thread-access';

export function eventsRepository(db: Kysely<Database>) {
  return {
    /** Which of `threadIds` the viewer may see today (a thread deleted since is not among them). */
    async visibleThreadIds(viewer: Viewer, threadIds: string[]): Promise<Set<string>> {
      if (threadIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('threads')
        .select('threads.id')
        .where('threads.id', 'in', threadIds)
        .where((eb) => canSeeThread(eb, viewer))
        .execute();
      return new Set(rows.map((r) => r.id));
    },
  };
}
