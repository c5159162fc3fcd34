import type { Kysely } from 'kysely';
import type { Database, PostFileRow } from '../../db/schema';

/** Non-media attachments of posts (an emailed PDF), listed and served with their post. */
export interface PostFileView {
  id: string;
  name: string;
  mimeType: string;
  sizeBytes: number;
  url: string;
}

export const postFileUrl = (postId: string, fileId: string) => `/api/posts/${postId}/files/${fileId}`;

/** The files of each post, in the order they came; for presenting posts someone may see. */
export async function filesOfPosts(
  db: Kysely<Database>,
  postIds: string[],
): Promise<Map<string, PostFileView[]>> {
  const byPost = new Map<string, PostFileView[]>();
  if (postIds.length === 0) return byPost;
  const rows = await db
    .selectFrom('post_files')
    .selectAll()
    .where('post_id', 'in', postIds)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  for (const row of rows) {
    const view = {
      id: row.id,
      name: row.name,
      mimeType: row.mime_type,
      sizeBytes: Number(row.size_bytes),
      url: postFileUrl(row.post_id, row.id),
    };
    byPost.set(row.post_id, [...(byPost.get(row.post_id) ?? []), view]);
  }
  return byPost;
}

export const findPostFile = (
  db: Kysely<Database>,
  postId: string,
  fileId: string,
): Promise<PostFileRow | undefined> =>
  db
    .selectFrom('post_files')
    .selectAll()
    .where('id', '=', fileId)
    .where('post_id', '=', postId)
    .executeTakeFirst();
