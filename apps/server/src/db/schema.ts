import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  MediaPositionsTable,
  MediaTable,
  TranscriptCorrectionsTable,
  TranscriptsTable,
} from './schema-media';
import type { OutsideTables } from './schema-outside';

export * from './schema-media';
export * from './schema-outside';

/**
 * The database as Kysely sees it. Timestamps are epoch milliseconds (bigint) and booleans are
 * 0/1 integers, so rows look the same on SQLite and PostgreSQL.
 */
export interface Database extends OutsideTables {
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
  search_documents: SearchDocumentsTable;
  live_events: LiveEventsTable;
  delivery_preferences: DeliveryPreferencesTable;
  notifications: NotificationsTable;
  scheduled_posts: ScheduledPostsTable;
  app_secrets: AppSecretsTable;
  media_positions: MediaPositionsTable;
  media: MediaTable;
  transcripts: TranscriptsTable;
  transcript_corrections: TranscriptCorrectionsTable;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: number;
  /** Workspace limits for recordings and uploads (migration 0007). */
  max_recording_minutes: Generated<number>;
  max_upload_bytes: Generated<number>;
  /** Transcription language (ISO 639-1, migration 0009); null lets the engine decide. */
  language: string | null;
  /** 0: the author sees counts only, not who watched (migration 0010). */
  named_receipts: Generated<number>;
  /** An outsider's private link stops working after this many idle days (migration 0010). */
  external_link_idle_days: Generated<number>;
}

/** 'external': an outsider addressed by email; no password, never signs in, sees only their threads. */
export type UserRole = 'owner' | 'admin' | 'member' | 'guest' | 'external';

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
  /** Language this person speaks in recordings (migration 0009); null: the workspace's. */
  language: string | null;
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
  role: Exclude<UserRole, 'owner' | 'external'>;
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
  /** A comment on the moment: the recording and the time it is about (migration 0010). */
  media_id: Generated<string | null>;
  at_ms: Generated<number | null>;
  /** The comment this post answers, for threaded replies on a moment. */
  reply_to_id: Generated<string | null>;
  /** How it was written: in the app, by email reply, or through an outsider's link. */
  via: Generated<'app' | 'email' | 'link'>;
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

/**
 * One searchable document, maintained by database triggers (migration 0003): today one per
 * post; transcripts will add kind 'transcript' with media_id and start_ms. The full-text index
 * itself is dialect-specific (FTS5 table search_fts on SQLite, column tsv on PostgreSQL).
 */
export interface SearchDocumentsTable {
  id: Generated<number>;
  kind: 'post' | 'transcript';
  thread_id: string;
  post_id: string;
  media_id: string | null;
  start_ms: number | null;
  /** The thread's subject on its opening post, '' on the others. */
  subject: string;
  body: string;
}

/**
 * A live update for one person (migration 0004), kept a week so a reconnecting browser can
 * resume from Last-Event-ID. The id increases in commit order and is the SSE event id.
 */
export interface LiveEventsTable {
  id: Generated<number>;
  user_id: string;
  type: string;
  thread_id: string | null;
  /** The LiveEvent as JSON. */
  payload: string;
  created_at: number;
}
export type LiveEventRow = Selectable<LiveEventsTable>;

/** A person's delivery preferences (migration 0005); JSON columns follow the contract. */
export interface DeliveryPreferencesTable {
  user_id: string;
  working_hours: string;
  time_off: string;
  focus_blocks: string;
  channels: string;
  digest_times: string;
  updated_at: number;
}

/** pending → queued (handed to a send or digest job) → delivered; or failed / skipped. */
export type NotificationStatus = 'pending' | 'queued' | 'delivered' | 'failed' | 'skipped';

/** One decision of the delivery engine: who hears about which post, why, how and when. */
export interface NotificationsTable {
  id: string;
  user_id: string;
  post_id: string;
  thread_id: string;
  reason: 'urgent' | 'digest' | 'reminder' | 'overdue' | 'no_answer' | 'mention';
  channel: 'in_app' | 'email' | 'digest';
  deliver_at: number;
  delivered_at: number | null;
  status: NotificationStatus;
  /** Why the last attempt failed, or why it was skipped (read in the app, answered …). */
  error: string | null;
  attempts: Generated<number>;
  created_at: number;
}
export type NotificationRow = Selectable<NotificationsTable>;

/** A post kept aside until send_at, then written through the normal use case. */
export interface ScheduledPostsTable {
  id: string;
  author_id: string;
  kind: 'thread' | 'reply';
  thread_id: string | null;
  request: string;
  send_at: number;
  status: 'scheduled' | 'sent' | 'cancelled' | 'failed';
  error: string | null;
  post_id: string | null;
  created_at: number;
}
export type ScheduledPostRow = Selectable<ScheduledPostsTable>;

/** A secret the server generated for itself (migration 0006), e.g. the email link signing key. */
export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: number;
}
