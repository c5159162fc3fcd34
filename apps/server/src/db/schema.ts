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
  spaces: SpacesTable;
  space_members: SpaceMembersTable;
  threads: ThreadsTable;
  thread_people: ThreadPeopleTable;
  thread_spaces: ThreadSpacesTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  post_asks: PostAsksTable;
  post_receipts: PostReceiptsTable;
  thread_subscriptions: ThreadSubscriptionsTable;
  inbox_items: InboxItemsTable;
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

export interface SpacesTable {
  id: string;
  name: string;
  description: string;
  visibility: 'public' | 'private';
  created_by: string;
  created_at: number;
  archived_at: number | null;
}
export type SpaceRow = Selectable<SpacesTable>;

export interface SpaceMembersTable {
  space_id: string;
  user_id: string;
  added_at: number;
}

export interface ThreadsTable {
  id: string;
  subject: string;
  created_by: string;
  created_at: number;
  last_post_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
}
export type ThreadRow = Selectable<ThreadsTable>;

export interface ThreadPeopleTable {
  thread_id: string;
  user_id: string;
}

export interface ThreadSpacesTable {
  thread_id: string;
  space_id: string;
}

export type ExpectationKind = 'fyi' | 'reply' | 'reply_by' | 'decision_by' | 'urgent';

export interface PostsTable {
  id: string;
  thread_id: string;
  author_id: string;
  body_md: string;
  /** Sanitized HTML rendered from body_md at write time. */
  body_html: string;
  /** Plain text of the body, for excerpts and the search index. */
  body_text: string;
  expectation: ExpectationKind;
  due_at: number | null;
  urgent_reason: string | null;
  quote_post_id: string | null;
  quote_text: string | null;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
}
export type PostRow = Selectable<PostsTable>;

export interface PostRevisionsTable {
  id: string;
  post_id: string;
  body_md: string;
  edited_at: number;
}

export interface PostAsksTable {
  post_id: string;
  user_id: string;
  answered_at: number | null;
  answered_how: 'reply' | 'answered' | 'decided' | null;
}

export interface PostReceiptsTable {
  post_id: string;
  user_id: string;
  seen_at: number;
}

export interface ThreadSubscriptionsTable {
  thread_id: string;
  user_id: string;
  mode: 'follow' | 'mute';
}

export interface InboxItemsTable {
  user_id: string;
  thread_id: string;
  last_activity_at: number;
  last_post_id: string;
  unread: number;
  done_at: number | null;
  snoozed_until: number | null;
  /** 1 while an ask addressed to this person in this thread is unanswered. */
  needs_reply: number;
  /** The strongest open ask's kind (urgent > decision_by > reply_by > reply), or null. */
  expectation: ExpectationKind | null;
  /** The earliest due time among open asks, or null. */
  due_at: number | null;
}
export type InboxItemRow = Selectable<InboxItemsTable>;
