import type { SessionInfo, User } from '@tidings/contracts';
import type { UserRow } from '../../db/schema';

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    timeZone: row.time_zone,
    language: row.language ?? null,
    // The version parameter busts browser caches when the avatar changes.
    avatarUrl: row.avatar_key ? `/api/users/${row.id}/avatar?v=${row.updated_at}` : null,
    createdAt: row.created_at,
  };
}

export function presentSession(
  user: UserRow,
  workspace: { id: string; name: string },
  csrfToken: string,
): SessionInfo {
  return { user: presentUser(user), workspace: { id: workspace.id, name: workspace.name }, csrfToken };
}
