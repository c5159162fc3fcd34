import type { Media, MyMedia } from '@tidings/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { cx } from '../../../lib/cx';
import { formatDateTime } from '../../../lib/dates';
import { useCopy } from '../../../ui/CopyButton';
import { CheckIcon, LinkIcon } from '../../../ui/icons';
import { EyeIcon, PencilIcon, TrashIcon } from './icons';
import { cardStatus, createdLabel, oneLine, titleOf, viewersLabel } from './library';
import styles from './Recordings.module.css';
import { RecordingThumb } from './RecordingThumb';
import { useTitleEditing } from './TitleEditor';
import editStyles from './TitleEditor.module.css';
import { useReducedMotion } from './useReducedMotion';

/** The share page's path on this site (the server's URL may name another origin behind a proxy). */
const sharePath = (shareUrl: string) => new URL(shareUrl, window.location.href).pathname;

/**
 * One recording in the library. The title is the card's link (stretched over the whole card), so
 * the link's name is the title; Copy link and Delete sit above it as their own buttons.
 */
export function RecordingCard({ media, onDelete }: { media: MyMedia; onDelete: (media: Media) => void }) {
  const reducedMotion = useReducedMotion();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const title = titleOf(media);
  const status = cardStatus(media);
  const excerpt = oneLine(media.transcriptExcerpt);
  const viewers = viewersLabel(media);
  const rename = useTitleEditing(media);

  return (
    <li
      className={styles.card}
      data-status={media.status}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <RecordingThumb media={media} animate={(hovered || focused) && !reducedMotion} />
      <div className={styles.body}>
        {/* While renaming, the input takes the link's place (and its stretch over the card). */}
        {rename.input ?? (
          <div className={editStyles.row}>
            <h3 className={cx(styles.title, editStyles.grow)} aria-busy={rename.pending || undefined}>
              <Link className={styles.link} to={sharePath(media.shareUrl)}>
                {title}
              </Link>
            </h3>
            {/* Beside the title, not in the actions row: three labelled actions overflow a narrow card. */}
            <button
              ref={rename.buttonRef}
              type="button"
              className={editStyles.renameButton}
              aria-label={`Rename ${title}`}
              title="Rename"
              onClick={rename.start}
            >
              <PencilIcon />
            </button>
          </div>
        )}
        <p className={styles.meta}>
          <time dateTime={new Date(media.createdAt).toISOString()} title={formatDateTime(media.createdAt)}>
            {createdLabel(media.createdAt)}
          </time>
          {media.postId && <span> · In a message</span>}
        </p>
        {viewers && (
          // Above the card's stretched link (like the actions), so hovering shows the tooltip.
          <p className={styles.viewers} title={viewers.title} data-none={viewers.count === 0 || undefined}>
            <EyeIcon />
            <span>{viewers.text}</span>
            <span className="visually-hidden"> ({viewers.title})</span>
          </p>
        )}
        {status && (
          <p className={styles.status} data-failed={media.status === 'failed' || undefined} title={status}>
            {status}
          </p>
        )}
        {excerpt && (
          <p className={styles.excerpt} title={excerpt}>
            {excerpt}
          </p>
        )}
      </div>
      <div className={styles.actions}>
        {/* A failed recording's link shows only the error: nothing worth sharing. */}
        {media.status !== 'failed' && <CopyLinkButton url={media.shareUrl} title={title} />}
        <button
          type="button"
          className={styles.action}
          data-tone="danger"
          aria-label={`Delete ${title}`}
          onClick={() => onDelete(media)}
        >
          <TrashIcon />
          <span className={styles.actionText}>Delete</span>
        </button>
      </div>
    </li>
  );
}

function CopyLinkButton({ url, title }: { url: string; title: string }) {
  const { state, copy } = useCopy();

  return (
    <>
      <button
        type="button"
        className={styles.action}
        aria-label={`Copy link to ${title}`}
        data-copied={state === 'copied' || undefined}
        onClick={() => void copy(url)}
      >
        {state === 'copied' ? <CheckIcon /> : <LinkIcon />}
        <span className={styles.actionText}>{state === 'copied' ? 'Copied' : 'Copy link'}</span>
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Link copied' : state === 'failed' ? 'Could not copy the link' : ''}
      </span>
    </>
  );
}
