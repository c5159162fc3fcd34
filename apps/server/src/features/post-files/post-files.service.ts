import type { AppContext } from '../../context';
import { notFound } from '../../lib/errors';
import type { Actor } from '../accounts/actor';
import { postsRepository } from '../threads/posts.repository';
import { threadsRepository } from '../threads/threads.repository';
import { findPostFile } from './post-files.repository';

export function postFilesService(ctx: AppContext) {
  return {
    /** The file's bytes for someone who may see the post's thread; 404 for everyone else. */
    async download(actor: Actor, postId: string, fileId: string) {
      const post = await postsRepository(ctx.db).find(postId);
      const visible =
        post &&
        post.deleted_at === null &&
        (await threadsRepository(ctx.db).canSee(actor.user, post.thread_id));
      const file = visible ? await findPostFile(ctx.db, postId, fileId) : undefined;
      const blob = file ? await ctx.blobs.get(file.blob_key) : null;
      if (!file || !blob) throw notFound('That file');
      return { name: file.name, mimeType: file.mime_type, size: blob.size, stream: blob.stream };
    },
  };
}
