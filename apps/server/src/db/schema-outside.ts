import type { Selectable } from 'kysely';

/** Tables for people outside the workspace (migration 0010); part of the Database in schema.ts. */
export interface OutsideTables {
  external_links: ExternalLinksTable;
  reply_addresses: ReplyAddressesTable;
  inbound_mail: InboundMailTable;
  post_files: PostFilesTable;
  share_links: ShareLinksTable;
  media_reactions: MediaReactionsTable;
  media_views: MediaViewsTable;
}

/** An outsider's private link to one thread (their identity there). */
export interface ExternalLinksTable {
  id: string;
  /** The outsider: a users row with role 'external'. */
  user_id: string;
  thread_id: string;
  token_hash: string;
  created_by: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}
export type ExternalLinkRow = Selectable<ExternalLinksTable>;

/** reply+<token>@<domain>, bound to one person and one thread. */
export interface ReplyAddressesTable {
  token_hash: string;
  user_id: string;
  thread_id: string;
  created_at: number;
  last_used_at: number | null;
}

/** One row per accepted inbound mail (Message-ID, or a digest of the message without one). */
export interface InboundMailTable {
  message_key: string;
  user_id: string;
  thread_id: string;
  post_id: string | null;
  received_at: number;
}

/** A non-media attachment kept with its post. */
export interface PostFilesTable {
  id: string;
  post_id: string;
  name: string;
  mime_type: string;
  size_bytes: number;
  blob_key: string;
  created_at: number;
}
export type PostFileRow = Selectable<PostFilesTable>;

export type ShareTargetKind = 'media' | 'post' | 'thread';

/** An unlisted link to a recording, a post or a thread. */
export interface ShareLinksTable {
  id: string;
  token_hash: string;
  target_kind: ShareTargetKind;
  target_id: string;
  /** The thread the target belongs to (for access checks and cascade). */
  thread_id: string;
  created_by: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  /** argon2id, or null when the link needs no password. */
  password_hash: string | null;
  allow_comments: number;
  view_count: number;
  last_viewed_at: number | null;
}
export type ShareLinkRow = Selectable<ShareLinksTable>;

/** An emoji tied to a moment of a recording. */
export interface MediaReactionsTable {
  id: string;
  media_id: string;
  user_id: string;
  emoji: string;
  at_ms: number;
  created_at: number;
}

/**
 * What one viewer watched of one recording. viewer_key: a user id, or `link:<shareLinkId>:<id>`
 * for an anonymous link viewer. ranges: merged [startMs, endMs] pairs as JSON.
 */
export interface MediaViewsTable {
  media_id: string;
  viewer_key: string;
  user_id: string | null;
  share_link_id: string | null;
  ranges: string;
  watched_ms: number;
  /** When it first counted as a view (5 s or 75 % watched), or null. */
  counted_at: number | null;
  first_at: number;
  updated_at: number;
}
