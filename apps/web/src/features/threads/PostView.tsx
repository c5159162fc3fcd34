import type { Post } from '@tidings/contracts';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { cx } from '../../lib/cx';
import { formatDayTime, formatListTime } from '../../lib/due';
import { Alert } from '../../ui/Alert';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import prose from '../../ui/Prose.module.css';
import { PostMedia } from '../media/MediaView';
import { PostMomentLine, ReplyToCommentButton } from '../moments/PostMomentLine';
import { ShareButton } from '../share/ShareDialog';
import { useAnswer, useDeletePost, useEditPost } from './api';
import { expectationLine } from './expectation';
import { PostFiles, ViaBadge } from './PostFiles';
import { PostStatus } from './PostStatus';
import { RevisionHistory } from './RevisionHistory';
import styles from './Thread.module.css';

interface PostViewProps {
  post: Post;
  meId: string;
  timeZone: string;
  highlighted: boolean;
  /** The text selected inside this post, if any: offers "Quote". */
  selection: string | null;
  onQuote: (text: string) => void;
}

export function PostView({ post, meId, timeZone, highlighted, selection, onQuote }: PostViewProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const edit = useEditPost(post.threadId);
  const remove = useDeletePost(post.threadId);
  const answer = useAnswer(post.threadId);
  const mine = post.author.id === meId;
  const myAsk = post.asks.find((a) => a.person.id === meId && a.answeredAt === null);
  const line = expectationLine(post, meId, timeZone);
  const headingId = `post-${post.id}-author`;

  if (post.deletedAt !== null) {
    return (
      <article
        id={`post-${post.id}`}
        className={cx(styles.post, styles.tombstone)}
        aria-label="Deleted message"
      >
        <p>This message was deleted</p>
      </article>
    );
  }

  return (
    <article
      id={`post-${post.id}`}
      className={cx(styles.post, highlighted && styles.highlighted, myAsk && styles.askedOfMe)}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <header className={styles.postHead}>
        <Avatar name={post.author.name} url={post.author.avatarUrl} size="md" />
        <div className={styles.postMeta}>
          <h3 id={headingId} className={styles.author}>
            {post.author.name}
          </h3>
          <span className={styles.postTime}>
            <time
              dateTime={new Date(post.createdAt).toISOString()}
              title={formatDayTime(post.createdAt, timeZone)}
            >
              {formatListTime(post.createdAt, timeZone)}
            </time>
            <ViaBadge via={post.via} />
            {post.editedAt !== null && (
              <>
                {' · '}
                <RevisionHistory postId={post.id} editedAt={post.editedAt} timeZone={timeZone} />
              </>
            )}
          </span>
        </div>
      </header>

      {line && (
        <p
          className={cx(
            styles.expectation,
            post.expectation.kind === 'urgent' && styles.urgent,
            myAsk && styles.forMe,
          )}
        >
          {line}
        </p>
      )}

      <PostMomentLine post={post} />

      {post.quote && (
        <blockquote className={styles.quote}>
          <a href={`#post-${post.quote.postId}`} className={styles.quoteSource}>
            {post.quote.authorName} wrote:
          </a>
          <p>{post.quote.text}</p>
        </blockquote>
      )}

      {editing !== null ? (
        <form
          className={styles.editForm}
          onSubmit={(e) => {
            e.preventDefault();
            edit.mutate({ postId: post.id, body: editing }, { onSuccess: () => setEditing(null) });
          }}
        >
          <label htmlFor={`edit-${post.id}`} className="visually-hidden">
            Edit message
          </label>
          <textarea
            id={`edit-${post.id}`}
            className={styles.editArea}
            rows={5}
            value={editing}
            onChange={(e) => setEditing(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this text
            autoFocus
          />
          {edit.isError && <Alert tone="error">{errorMessage(edit.error)}</Alert>}
          <div className={styles.postActions}>
            <Button size="sm" variant="primary" type="submit" busy={edit.isPending}>
              Save
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEditing(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div
          className={cx(prose.prose, styles.body)}
          data-post-body={post.id}
          // bodyHtml is rendered from markdown and sanitized on the server.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitized HTML
          dangerouslySetInnerHTML={{ __html: post.bodyHtml }}
        />
      )}
      <PostMedia media={post.media} threadId={post.threadId} />
      <PostFiles files={post.files} />

      {mine && <PostStatus post={post} timeZone={timeZone} />}

      {editing === null && (
        <div className={styles.postActions}>
          {myAsk && (
            <Button
              size="sm"
              variant="primary"
              busy={answer.isPending}
              onClick={() =>
                answer.mutate({
                  postId: post.id,
                  how: post.expectation.kind === 'decision_by' ? 'decided' : 'answered',
                })
              }
            >
              {post.expectation.kind === 'decision_by' ? 'Mark decided' : 'Mark answered'}
            </Button>
          )}
          <ReplyToCommentButton post={post} />
          <ShareButton kind="post" id={post.id} />
          {selection && (
            <Button size="sm" onMouseDown={(e) => e.preventDefault()} onClick={() => onQuote(selection)}>
              Quote
            </Button>
          )}
          {mine && !confirmDelete && (
            <>
              <Button size="sm" variant="ghost" onClick={() => setEditing(post.bodyMarkdown)}>
                Edit
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirmDelete(true)}>
                Delete
              </Button>
            </>
          )}
          {confirmDelete && (
            <fieldset className={styles.confirm}>
              <legend>Delete this message?</legend>
              <Button
                size="sm"
                variant="danger"
                busy={remove.isPending}
                onClick={() => remove.mutate(post.id)}
              >
                Delete message
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirmDelete(false)}>
                Keep it
              </Button>
            </fieldset>
          )}
        </div>
      )}
      {(answer.isError || remove.isError) && (
        <Alert tone="error">{errorMessage(answer.error ?? remove.error)}</Alert>
      )}
    </article>
  );
}
