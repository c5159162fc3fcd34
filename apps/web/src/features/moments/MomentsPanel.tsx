import { QUICK_REACTIONS } from '@tidings/contracts';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { formatClock } from '../media/api';
import { useCommentAt, useReact, useUnreact } from './api';
import styles from './Moments.module.css';
import { useMomentsHub } from './MomentsScope';
import { setMomentDraft } from './momentDraft';
import { useCurrentMs } from './useCurrentMs';

/**
 * Under a recording in a thread: "Add a comment at 0:42", the reaction bar (both at the current
 * time), and the comments on this recording in time order — a click seeks the player.
 */
export function MomentsPanel() {
  const hub = useMomentsHub();
  const nowMs = useCurrentMs(hub?.element ?? null);
  const react = useReact(hub?.media.id ?? '', hub?.threadId ?? '');
  const unreact = useUnreact(hub?.media.id ?? '', hub?.threadId ?? '');
  if (hub?.media.status !== 'ready') return null;
  const { moments, media } = hub;
  const seek = (ms: number) => {
    if (hub.element) hub.element.currentTime = ms / 1000;
  };

  return (
    <section className={styles.panel} aria-label={`Comments on ${media.title || 'this recording'}`}>
      <div className={styles.bar}>
        <Button size="sm" onClick={() => hub.startComment(nowMs)} aria-keyshortcuts="c">
          Add a comment at {formatClock(nowMs)}
        </Button>
        <fieldset className={styles.reactions}>
          <legend className="visually-hidden">React at {formatClock(nowMs)}</legend>
          {QUICK_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className={styles.reaction}
              aria-label={`React ${emoji} at ${formatClock(nowMs)}`}
              disabled={react.isPending}
              onClick={() => react.mutate({ emoji, atMs: nowMs })}
            >
              {emoji}
            </button>
          ))}
        </fieldset>
      </div>
      {(react.isError || unreact.isError) && (
        <Alert tone="error">{errorMessage(react.error ?? unreact.error)}</Alert>
      )}
      {hub.composingAtMs !== null && <CommentComposer atMs={hub.composingAtMs} />}
      {moments && moments.comments.length > 0 && (
        <>
          <h4 className={styles.heading}>Comments on this recording</h4>
          <ol className={styles.list}>
            {moments.comments.map((c) => (
              <li key={c.id} className={styles.item}>
                <button
                  type="button"
                  className={styles.at}
                  onClick={() => seek(c.atMs)}
                  aria-label={`Play from ${formatClock(c.atMs)}: ${c.author.name} said ${c.excerpt}`}
                >
                  {formatClock(c.atMs)}
                </button>
                <Avatar name={c.author.name} url={c.author.avatarUrl} size="sm" />
                <span className={styles.text}>
                  <strong>{c.author.name}</strong> {c.excerpt}
                  {c.replies > 0 && (
                    <a className={styles.replies} href={`#post-${c.id}`}>
                      {c.replies === 1 ? '1 reply' : `${c.replies} replies`}
                    </a>
                  )}
                </span>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() =>
                    setMomentDraft({
                      threadId: hub.threadId,
                      mediaId: media.id,
                      atMs: c.atMs,
                      mediaTitle: media.title,
                      replyTo: { postId: c.id, authorName: c.author.name },
                    })
                  }
                >
                  Reply
                </Button>
              </li>
            ))}
          </ol>
        </>
      )}
      {moments && moments.reactions.length > 0 && (
        <ul className={styles.reactionList} aria-label="Reactions on this recording">
          {moments.reactions.map((r) => (
            <li key={`${r.emoji}-${r.atMs}`} className={styles.reactionChip}>
              <button
                type="button"
                className={styles.chipSeek}
                onClick={() => seek(r.atMs)}
                title={r.people.map((p) => p.name).join(', ')}
                aria-label={`Play from ${formatClock(r.atMs)}: ${r.emoji} from ${r.people.map((p) => p.name).join(', ')}`}
              >
                {r.emoji} {formatClock(r.atMs)}
                {r.people.length > 1 && <span className={styles.count}>{r.people.length}</span>}
              </button>
              {r.myReactionId && (
                <button
                  type="button"
                  className={styles.chipRemove}
                  aria-label={`Remove your ${r.emoji} at ${formatClock(r.atMs)}`}
                  onClick={() => r.myReactionId && unreact.mutate(r.myReactionId)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A short written comment pinned to `atMs`; voice or video replies go through the reply box. */
function CommentComposer({ atMs }: { atMs: number }) {
  const hub = useMomentsHub();
  const comment = useCommentAt(hub?.media.id ?? '', hub?.threadId ?? '');
  const [body, setBody] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  if (!hub) return null;
  const id = `comment-${hub.media.id}`;
  return (
    <form
      className={styles.composer}
      onSubmit={(e) => {
        e.preventDefault();
        if (!body.trim()) return;
        comment.mutate(
          { body, atMs },
          {
            onSuccess: () => {
              setBody('');
              hub.stopComment();
            },
          },
        );
      }}
    >
      <label htmlFor={id} className={styles.composerLabel}>
        Comment at {formatClock(atMs)}
      </label>
      <textarea
        id={id}
        ref={area}
        className={styles.textarea}
        rows={2}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') hub.stopComment();
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
        }}
        placeholder="What about this moment?"
      />
      {comment.isError && <Alert tone="error">{errorMessage(comment.error)}</Alert>}
      <div className={styles.composerActions}>
        <Button size="sm" variant="primary" type="submit" busy={comment.isPending} disabled={!body.trim()}>
          Comment
        </Button>
        <Button size="sm" variant="ghost" onClick={hub.stopComment}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
