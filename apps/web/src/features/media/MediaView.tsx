import type { Media } from '@tidings/contracts';
import { useLocation } from 'react-router';
import { MediaWithTranscript } from '../transcripts/MediaWithTranscript';
import { useMedia } from './api';
import styles from './Media.module.css';

export const positionOf = (media: Media) => media.myPositionMs ?? null;

/** One attached recording, kept fresh while it uploads or processes. */
export function MediaView({ media: initial }: { media: Media }) {
  const { data } = useMedia(initial.id, initial);
  const media = data ?? initial;
  const seekToMs = useLinkedMoment(media);
  return <MediaWithTranscript media={media} startAtMs={positionOf(media)} seekToMs={seekToMs} />;
}

/** `/threads/<id>?t=<seconds>#post-<postId>` (a search hit in a transcript): that post's moment. */
function useLinkedMoment(media: Media): number | null {
  const location = useLocation();
  if (!media.postId || location.hash !== `#post-${media.postId}`) return null;
  const t = Number(new URLSearchParams(location.search).get('t'));
  return Number.isFinite(t) && t > 0 ? Math.round(t * 1000) : null;
}

/** The recordings attached to a post, inline with their posters. */
export function PostMedia({ media }: { media: Media[] }) {
  if (media.length === 0) return null;
  return (
    <div className={styles.postMedia}>
      {media.map((m) => (
        <MediaView key={m.id} media={m} />
      ))}
    </div>
  );
}
