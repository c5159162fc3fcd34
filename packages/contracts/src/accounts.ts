import { z } from 'zod';
import { Email, EpochMs, Id, Password, PersonName, TimeZone } from './common';
import { LanguageCode } from './transcripts';

export const Role = z.enum(['owner', 'admin', 'member', 'guest', 'external']);
export type Role = z.infer<typeof Role>;
/** Roles an invite can grant: there is exactly one owner, made at setup. */
export const InviteRole = z.enum(['admin', 'member', 'guest']);

export const Workspace = z.object({ id: Id, name: z.string() }).meta({ id: 'Workspace' });

export const User = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    role: Role,
    timeZone: z.string(),
    /** Language spoken in this person's recordings (transcription); null: the workspace's. */
    language: z.string().nullable().optional(),
    avatarUrl: z.string().nullable().describe('Authenticated URL of the resized avatar, or null'),
    createdAt: EpochMs,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const SessionInfo = z
  .object({
    user: User,
    workspace: Workspace,
    csrfToken: z.string().describe('Send as the x-csrf-token header on every mutating request'),
  })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const WorkspaceName = z
  .string()
  .trim()
  .min(1, { message: 'Name your workspace' })
  .max(80, { message: 'Use at most 80 characters' });

export const SetupStatus = z.object({ needsSetup: z.boolean() });

export const SetupRequest = z.object({
  workspaceName: WorkspaceName,
  name: PersonName,
  email: Email,
  password: Password,
  timeZone: TimeZone.default('UTC'),
});
export type SetupRequest = z.input<typeof SetupRequest>;

export const SignInRequest = z.object({
  email: Email,
  password: z.string().min(1, { message: 'Enter your password' }).max(200),
});
export type SignInRequest = z.input<typeof SignInRequest>;

export const Invite = z
  .object({
    id: Id,
    role: InviteRole,
    email: z.string().nullable(),
    createdAt: EpochMs,
    expiresAt: EpochMs,
    acceptedAt: EpochMs.nullable(),
    revokedAt: EpochMs.nullable(),
    invitedBy: z.string().describe('Name of the person who made the invite'),
  })
  .meta({ id: 'Invite' });
export type Invite = z.infer<typeof Invite>;

export const CreateInviteRequest = z.object({
  role: InviteRole.default('member'),
  email: Email.optional().describe('Only this address may accept, when given'),
  expiresInDays: z.number().int().min(1).max(90).default(7),
});
export type CreateInviteRequest = z.input<typeof CreateInviteRequest>;

export const CreatedInvite = z.object({
  invite: Invite,
  token: z.string().describe('Shown once; the invite link carries it'),
  url: z.string(),
});
export type CreatedInvite = z.infer<typeof CreatedInvite>;

export const InviteTokenParams = z.object({ token: z.string().min(16).max(128) });

export const InvitePreview = z.object({
  workspaceName: z.string(),
  role: InviteRole,
  email: z.string().nullable(),
  invitedBy: z.string(),
  expiresAt: EpochMs,
});
export type InvitePreview = z.infer<typeof InvitePreview>;

export const AcceptInviteRequest = z.object({
  name: PersonName,
  email: Email,
  password: Password,
  timeZone: TimeZone.default('UTC'),
});
export type AcceptInviteRequest = z.input<typeof AcceptInviteRequest>;

export const MemberList = z.object({ members: z.array(User) });
export const InviteList = z.object({ invites: z.array(Invite) });

export const ChangeRoleRequest = z.object({ role: InviteRole });

export const UpdateProfileRequest = z
  .object({ name: PersonName, timeZone: TimeZone, language: LanguageCode.nullable() })
  .partial()
  .refine((v) => v.name !== undefined || v.timeZone !== undefined || v.language !== undefined, {
    message: 'Send a name, a timeZone or a language to change',
  });
export type UpdateProfileRequest = z.input<typeof UpdateProfileRequest>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, { message: 'Enter your current password' }).max(200),
  newPassword: Password,
});
