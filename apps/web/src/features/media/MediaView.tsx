import type { Media } from '@tidings/contracts';
import { useMedia } from './api';
import styles from './Media.module.css';
import { Player } from './Player';
import { VoiceNote } from './VoiceNote';

export const positionOf = (media: Media) => media.myPositionMs ?? null;

/** One attached recording, kept fresh while it uploads or processes. */
export function MediaView({ media: initial }: { media: Media }) {
  const { data } = useMedia(initial.id, initial);
  const media = data ?? initial;
  if (media.kind === 'audio') return <VoiceNote media={media} />;
  return <Player media={media} startAtMs={positionOf(media)} />;
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
