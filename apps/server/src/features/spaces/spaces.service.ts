import type { CreateSpaceRequest, Person, Space, UpdateSpaceRequest } from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { invalid, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Actor } from '../accounts/actor';
import { findPeople, presentPerson } from '../threads/people';
import {
  assertCanAddMembers,
  assertCanCreateSpace,
  assertCanManageSpace,
  assertCanRemoveMember,
} from './spaces.policy';
import { type SpaceWithCounts, spacesRepository } from './spaces.repository';

const present = (row: SpaceWithCounts): Space => ({
  id: row.id,
  name: row.name,
  description: row.description,
  visibility: row.visibility,
  createdAt: row.created_at,
  archivedAt: row.archived_at,
  memberCount: row.member_count,
  isMember: row.is_member === 1,
});

export function spacesService(ctx: AppContext) {
  const spaces = spacesRepository(ctx.db);
  const viewer = (actor: Actor) => actor.user;

  /** The space if the actor may see it; 404 otherwise, so private spaces stay unknown. */
  async function findVisible(actor: Actor, id: string): Promise<SpaceWithCounts> {
    const space = await spaces.findVisible(viewer(actor), id);
    if (!space) throw notFound('That space');
    return space;
  }

  async function assertPeopleExist(ids: string[], field: string): Promise<void> {
    const found = await findPeople(ctx.db, ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw invalid('Some of these people are not in this workspace.', {
        [field]: `Unknown people: ${missing.join(', ')}`,
      });
    }
  }

  return {
    findVisible,

    async listSpaces(actor: Actor): Promise<Space[]> {
      return (await spaces.listVisible(viewer(actor))).map(present);
    },

    async getSpace(actor: Actor, id: string): Promise<Space> {
      return present(await findVisible(actor, id));
    },

    async createSpace(actor: Actor, input: z.output<typeof CreateSpaceRequest>): Promise<Space> {
      assertCanCreateSpace(actor);
      await assertPeopleExist(input.memberIds, 'memberIds');
      const now = ctx.now();
      const id = newId();
      await ctx.db.transaction().execute(async (trx) => {
        const repo = spacesRepository(trx);
        await repo.insert({
          id,
          name: input.name,
          description: input.description,
          visibility: input.visibility,
          created_by: actor.user.id,
          created_at: now,
          archived_at: null,
        });
        await repo.addMembers(id, [actor.user.id, ...input.memberIds], now);
      });
      return present(await findVisible(actor, id));
    },

    async updateSpace(actor: Actor, id: string, input: z.output<typeof UpdateSpaceRequest>): Promise<Space> {
      const space = await findVisible(actor, id);
      assertCanManageSpace(actor, space);
      await spaces.update(id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.archived !== undefined && {
          archived_at: input.archived ? (space.archived_at ?? ctx.now()) : null,
        }),
      });
      return present(await findVisible(actor, id));
    },

    /** Public spaces are open to every member of the workspace; guests must be added. */
    async joinSpace(actor: Actor, id: string): Promise<Space> {
      const space = await findVisible(actor, id);
      if (space.visibility !== 'public' || actor.user.role === 'guest') {
        if (space.is_member === 1) return present(space);
        throw notFound('That space');
      }
      await spaces.addMembers(id, [actor.user.id], ctx.now());
      return present(await findVisible(actor, id));
    },

    async leaveSpace(actor: Actor, id: string): Promise<void> {
      await findVisible(actor, id);
      await spaces.removeMember(id, actor.user.id);
    },

    async listMembers(actor: Actor, id: string): Promise<Person[]> {
      await findVisible(actor, id);
      return (await spaces.members(id)).map(presentPerson);
    },

    async addMembers(actor: Actor, id: string, userIds: string[]): Promise<Person[]> {
      const space = await findVisible(actor, id);
      assertCanAddMembers(actor, space.is_member === 1);
      await assertPeopleExist(userIds, 'userIds');
      await spaces.addMembers(id, userIds, ctx.now());
      return (await spaces.members(id)).map(presentPerson);
    },

    async removeMember(actor: Actor, id: string, userId: string): Promise<void> {
      const space = await findVisible(actor, id);
      assertCanRemoveMember(actor, space, userId);
      if (!(await spaces.removeMember(id, userId))) throw notFound('That member');
    },
  };
}
export type SpacesService = ReturnType<typeof spacesService>;
