import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it. Timestamps are epoch milliseconds (bigint) and booleans are
 * 0/1 integers, so rows look the same on SQLite and PostgreSQL.
 */
export interface Database {
  workspaces: WorkspacesTable;
  users: UsersTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  api_tokens: ApiTokensTable;
  rate_limit_hits: RateLimitHitsTable;
  jobs: JobsTable;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: number;
}

export type UserRole = 'owner' | 'admin' | 'member' | 'guest';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: UserRole;
  time_zone: string;
  avatar_key: string | null;
  created_at: number;
  updated_at: number;
}
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export interface SessionsTable {
  /** SHA-256 of the cookie value: a database leak does not hand out live sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  user_agent: string | null;
}
export type SessionRow = Selectable<SessionsTable>;

export interface InvitesTable {
  id: string;
  token_hash: string;
  role: Exclude<UserRole, 'owner'>;
  email: string | null;
  created_by: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_by: string | null;
  revoked_at: number | null;
}
export type InviteRow = Selectable<InvitesTable>;

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}
export type ApiTokenRow = Selectable<ApiTokensTable>;

export interface RateLimitHitsTable {
  key: string;
  window_start: number;
  count: number;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  status: JobStatus;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  /** Same key, same job: enqueueing twice while one is pending is a no-op. */
  dedupe_key: string | null;
  created_at: number;
  finished_at: number | null;
}
export type JobRow = Selectable<JobsTable>;
