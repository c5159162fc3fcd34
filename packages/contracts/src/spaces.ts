import { z } from 'zod';
import { EpochMs, Id } from './common';
import { Person } from './threads';

export const SpaceVisibility = z
  .enum(['public', 'private'])
  .describe('public: every member of the workspace may see and join it; private: only people added');

export const Space = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string(),
    visibility: SpaceVisibility,
    createdAt: EpochMs,
    archivedAt: EpochMs.nullable(),
    memberCount: z.number().int(),
    isMember: z.boolean().describe('Whether the caller is a member (and so follows its threads)'),
  })
  .meta({ id: 'Space' });
export type Space = z.infer<typeof Space>;

export const SpaceName = z
  .string()
  .trim()
  .min(1, { message: 'Name the space' })
  .max(80, { message: 'Use at most 80 characters' });

export const CreateSpaceRequest = z.object({
  name: SpaceName,
  description: z.string().trim().max(500).default(''),
  visibility: SpaceVisibility.default('public'),
  memberIds: z.array(Id).max(500).default([]).describe('People to add besides the creator'),
});
export type CreateSpaceRequest = z.input<typeof CreateSpaceRequest>;

export const UpdateSpaceRequest = z
  .object({ name: SpaceName, description: z.string().trim().max(500), archived: z.boolean() })
  .partial();
export type UpdateSpaceRequest = z.input<typeof UpdateSpaceRequest>;

export const SpaceList = z.object({ spaces: z.array(Space) });
export const AddSpaceMembersRequest = z.object({ userIds: z.array(Id).min(1).max(500) });
export const SpaceMemberParams = z.object({ id: Id, userId: Id });
export const SpaceMemberList = z.object({ members: z.array(Person) });
