import type { Post } from '@tidings/contracts';
import { Button } from '../../ui/Button';
import { formatClock } from '../media/api';
import { useThread } from '../threads/api';
import styles from './Moments.module.css';
import { setMomentDraft } from './momentDraft';
import { seekPlayer } from './players';

/** "at 1:23 on <recording>" above a comment on the moment: a click plays the recording there. */
export function PostMomentLine({ post }: { post: Post }) {
  // The thread is already loaded: the replied-to comment's author comes from the cache.
  const { data: thread } = useThread(post.threadId);
  const moment = post.moment;
  if (!moment) return null;
  const repliedTo = post.replyToId ? thread?.posts.find((p) => p.id === post.replyToId) : undefined;
  return (
    <p className={styles.momentLine}>
      {repliedTo && (
        <>
          <a href={`#post-${repliedTo.id}`}>Reply to {repliedTo.author.name}</a>{' '}
        </>
      )}
      <button
        type="button"
        className={styles.momentLink}
        data-moment-link=""
        onClick={() => {
          if (!seekPlayer(moment.mediaId, moment.atMs) && moment.mediaPostId) {
            document.getElementById(`post-${moment.mediaPostId}`)?.scrollIntoView({ block: 'center' });
          }
        }}
      >
        at {formatClock(moment.atMs)} on {moment.mediaTitle || 'the recording'}
      </button>
    </p>
  );
}

/** "Reply" on a comment: the thread's reply box answers it, with text, voice or video. */
export function ReplyToCommentButton({ post }: { post: Post }) {
  const moment = post.moment;
  if (!moment) return null;
  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={() =>
        setMomentDraft({
          threadId: post.threadId,
          mediaId: moment.mediaId,
          atMs: moment.atMs,
          mediaTitle: moment.mediaTitle,
          // Replies to a reply join the original comment's conversation.
          replyTo: { postId: post.replyToId ?? post.id, authorName: post.author.name },
        })
      }
    >
      Reply
    </Button>
  );
}
