import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Full-text search. One row in `search_documents` per searchable document; today every document
 * is a post (kind 'post'), but the table is shaped for more kinds: a recording's transcript will
 * add kind 'transcript' rows with media_id and start_ms (where in the recording the passage
 * starts) while post_id still names the post a hit opens. The subject of a thread is indexed
 * with its opening post only, so a subject match is one hit per thread, not one per reply.
 *
 * Triggers on `posts` and `threads` keep the documents in step with the data, so writers never
 * call an indexer: inserting a post indexes it, editing re-indexes it, setting deleted_at or
 * deleting it removes it.
 * - SQLite: an FTS5 index over search_documents (external content), synced by triggers.
 * - PostgreSQL: a generated tsvector column with a GIN index.
 * The 'simple' configuration / unicode61 tokenizer: no language-specific stemming, so both
 * databases match the same words in any language.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
  // The inbox sections: "Needs your reply" and "Updates" read one person's rows with one
  // needs_reply value, newest first (ties by thread id), and stop after a page.
  await db.schema
    .createIndex('inbox_items_user_reply')
    .on('inbox_items')
    .columns(['user_id', 'needs_reply', 'last_activity_at', 'thread_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('inbox_items_user_reply').execute();
  if (isPostgres(db)) {
    await sql`drop trigger if exists threads_search_subject on threads`.execute(db);
    await sql`drop trigger if exists posts_search_sync on posts`.execute(db);
    await sql`drop function if exists threads_search_subject()`.execute(db);
    await sql`drop function if exists posts_search_sync()`.execute(db);
    await sql`drop table search_documents`.execute(db);
    return;
  }
  for (const trigger of [
    'threads_search_subject',
    'posts_search_ad',
    'posts_search_au',
    'posts_search_ai',
    'search_documents_au',
    'search_documents_ad',
    'search_documents_ai',
  ]) {
    await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
  }
  await sql`drop table search_fts`.execute(db);
  await sql`drop table search_documents`.execute(db);
}

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// The subject goes with the opening post (the thread's earliest), '' with every other post.
const SQLITE_SUBJECT = `case when not exists (
    select 1 from posts p where p.thread_id = new.thread_id and p.id <> new.id
      and (p.created_at < new.created_at or (p.created_at = new.created_at and p.id < new.id))
  ) then (select subject from threads where id = new.thread_id) else '' end`;

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `create table search_documents (
      id integer primary key,
      kind text not null,
      thread_id text not null,
      post_id text not null,
      media_id text,
      start_ms integer,
      subject text not null,
      body text not null
    )`,
    'create index search_documents_post on search_documents (post_id)',
    'create index search_documents_thread on search_documents (thread_id)',
    `create virtual table search_fts using fts5(
      subject, body, content='search_documents', content_rowid='id',
      tokenize='unicode61 remove_diacritics 2'
    )`,
    `create trigger search_documents_ai after insert on search_documents begin
      insert into search_fts (rowid, subject, body) values (new.id, new.subject, new.body);
    end`,
    `create trigger search_documents_ad after delete on search_documents begin
      insert into search_fts (search_fts, rowid, subject, body) values ('delete', old.id, old.subject, old.body);
    end`,
    `create trigger search_documents_au after update on search_documents begin
      insert into search_fts (search_fts, rowid, subject, body) values ('delete', old.id, old.subject, old.body);
      insert into search_fts (rowid, subject, body) values (new.id, new.subject, new.body);
    end`,
    `create trigger posts_search_ai after insert on posts when new.deleted_at is null begin
      insert into search_documents (kind, thread_id, post_id, subject, body)
      values ('post', new.thread_id, new.id, ${SQLITE_SUBJECT}, new.body_text);
    end`,
    `create trigger posts_search_au after update of body_text, deleted_at on posts begin
      delete from search_documents where post_id = old.id and kind = 'post';
      insert into search_documents (kind, thread_id, post_id, subject, body)
      select 'post', new.thread_id, new.id, ${SQLITE_SUBJECT}, new.body_text where new.deleted_at is null;
    end`,
    `create trigger posts_search_ad after delete on posts begin
      delete from search_documents where post_id = old.id;
    end`,
    `create trigger threads_search_subject after update of subject on threads begin
      update search_documents set subject = new.subject where thread_id = new.id and subject <> '';
    end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `create table search_documents (
      id bigserial primary key,
      kind text not null,
      thread_id text not null,
      post_id text not null,
      media_id text,
      start_ms bigint,
      subject text not null,
      body text not null,
      tsv tsvector generated always as (
        setweight(to_tsvector('simple', subject), 'A') || setweight(to_tsvector('simple', body), 'B')
      ) stored
    )`,
    'create index search_documents_post on search_documents (post_id)',
    'create index search_documents_thread on search_documents (thread_id)',
    'create index search_documents_tsv on search_documents using gin (tsv)',
    `create function posts_search_sync() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        delete from search_documents where post_id = old.id and kind = 'post';
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.deleted_at is null then
        insert into search_documents (kind, thread_id, post_id, subject, body)
        values ('post', new.thread_id, new.id,
          case when not exists (
            select 1 from posts p where p.thread_id = new.thread_id and p.id <> new.id
              and (p.created_at < new.created_at or (p.created_at = new.created_at and p.id < new.id))
          ) then (select subject from threads where id = new.thread_id) else '' end,
          new.body_text);
      end if;
      return null;
    end $$`,
    `create trigger posts_search_sync after insert or delete or update of body_text, deleted_at
      on posts for each row execute function posts_search_sync()`,
    `create function threads_search_subject() returns trigger language plpgsql as $$
    begin
      update search_documents set subject = new.subject where thread_id = new.id and subject <> '';
      return null;
    end $$`,
    `create trigger threads_search_subject after update of subject on threads
      for each row execute function threads_search_subject()`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
