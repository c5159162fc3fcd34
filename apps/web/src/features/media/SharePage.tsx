import type { Media } from '@tidings/contracts';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import { useCurrentSession } from '../../api/session';
import { formatDayTime } from '../../lib/due';
import { useDocumentTitle } from '../../lib/navigation';
import { Alert } from '../../ui/Alert';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { Spinner } from '../../ui/Spinner';
import { MediaWithTranscript } from '../transcripts/MediaWithTranscript';
import { useSharedMedia } from './api';
import { PencilIcon } from './library/icons';
import { useTitleEditing } from './library/TitleEditor';
import styles from './Media.module.css';
import { positionOf } from './MediaView';

/** `/v/:token`: one recording, for any workspace member; live status until it is ready. */
export function SharePage() {
  const { token = '' } = useParams();
  const { data: media, error, isPending } = useSharedMedia(token);
  const session = useCurrentSession();
  useDocumentTitle(media?.title || 'Recording');

  if (isPending) return <Spinner />;
  if (error || !media) return <Alert tone="error">{errorMessage(error)}</Alert>;
  return (
    <article className={styles.sharePage} aria-labelledby="share-title">
      <ShareTitle media={media} isOwner={media.owner.id === session.user.id} />
      <p className={styles.owner}>
        <Avatar name={media.owner.name} url={media.owner.avatarUrl} size="sm" />
        <span>{media.owner.name}</span>
        <span aria-hidden="true">·</span>
        <time dateTime={new Date(media.createdAt).toISOString()}>
          {formatDayTime(media.createdAt, session.user.timeZone)}
        </time>
      </p>
      <MediaWithTranscript media={media} startAtMs={positionOf(media)} />
    </article>
  );
}

/** The recording's title; its owner can rename it here as in the library. */
function ShareTitle({ media, isOwner }: { media: Media; isOwner: boolean }) {
  const rename = useTitleEditing(media);
  const title = media.title || 'Recording';
  return (
    <div className={styles.shareHeading}>
      <h1 id="share-title" className={styles.shareTitle} aria-busy={rename.pending || undefined}>
        {rename.input ?? title}
      </h1>
      {isOwner && !rename.editing && (
        <Button
          ref={rename.buttonRef}
          variant="ghost"
          size="sm"
          icon={<PencilIcon />}
          aria-label={`Rename ${title}`}
          onClick={rename.start}
        >
          Rename
        </Button>
      )}
    </div>
  );
}
