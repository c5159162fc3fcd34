import type { Media } from '@tidings/contracts';
import { useLocation } from 'react-router';
import { useCurrentSession } from '../../api/session';
import { MomentsPanel } from '../moments/MomentsPanel';
import { MomentsScope } from '../moments/MomentsScope';
import { ShareButton } from '../share/ShareDialog';
import { MediaWithTranscript } from '../transcripts/MediaWithTranscript';
import { SeenBy } from '../views/SeenBy';
import { useMedia } from './api';
import styles from './Media.module.css';

export const positionOf = (media: Media) => media.myPositionMs ?? null;

/**
 * One attached recording, kept fresh while it uploads or processes. In a thread it carries its
 * comments and reactions on the moment, reports what is watched, and shows its author who saw it.
 */
export function MediaView({ media: initial, threadId }: { media: Media; threadId?: string }) {
  const { data } = useMedia(initial.id, initial);
  const session = useCurrentSession();
  const media = data ?? initial;
  const seekToMs = useLinkedMoment(media);
  const player = <MediaWithTranscript media={media} startAtMs={positionOf(media)} seekToMs={seekToMs} />;
  if (!threadId || !media.postId) return player;
  return (
    <MomentsScope media={media} threadId={threadId}>
      {player}
      <MomentsPanel />
      {media.owner.id === session.user.id && media.status === 'ready' && <SeenBy mediaId={media.id} />}
      {media.status === 'ready' && <ShareButton kind="media" id={media.id} />}
    </MomentsScope>
  );
}

/** `/threads/<id>?t=<seconds>#post-<postId>` (a search hit in a transcript): that post's moment. */
function useLinkedMoment(media: Media): number | null {
  const location = useLocation();
  if (!media.postId || location.hash !== `#post-${media.postId}`) return null;
  const t = Number(new URLSearchParams(location.search).get('t'));
  return Number.isFinite(t) && t > 0 ? Math.round(t * 1000) : null;
}

/** The recordings attached to a post, inline with their posters. */
export function PostMedia({ media, threadId }: { media: Media[]; threadId?: string }) {
  if (media.length === 0) return null;
  return (
    <div className={styles.postMedia}>
      {media.map((m) => (
        <MediaView key={m.id} media={m} threadId={threadId} />
      ))}
    </div>
  );
}
