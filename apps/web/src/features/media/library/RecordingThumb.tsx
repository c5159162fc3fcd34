import type { Media } from '@tidings/contracts';
import { useState } from 'react';
import { Spinner } from '../../../ui/Spinner';
import { resamplePeaks, Waveform } from '../Waveform';
import { AlertIcon, MicIcon, VideoIcon } from './icons';
import { durationBadge } from './library';
import styles from './Recordings.module.css';

const BARS = 40;

/**
 * The card's picture: the poster (video) or the waveform (voice), the duration in a corner, and
 * while `animate` the looping preview over the poster. The preview is made after the media is
 * ready, so until it exists (or if it fails to load) the poster simply stays.
 */
export function RecordingThumb({ media, animate }: { media: Media; animate: boolean }) {
  const [previewLoaded, setPreviewLoaded] = useState<string | null>(null);
  const [previewFailed, setPreviewFailed] = useState<string | null>(null);
  const [posterFailed, setPosterFailed] = useState<string | null>(null);
  const duration = durationBadge(media.durationMs);
  const preview = media.previewUrl;
  const showPreview = animate && preview !== null && previewFailed !== preview;
  const poster = media.posterUrl && posterFailed !== media.posterUrl ? media.posterUrl : null;
  const peaks = resamplePeaks(media.waveform, BARS);

  return (
    <div className={styles.thumb} data-kind={media.kind}>
      {media.kind === 'audio' ? (
        <div className={styles.voiceThumb} data-failed={media.status === 'failed' || undefined}>
          {media.status === 'ready' ? (
            <MicIcon className={styles.voiceIcon} />
          ) : media.status === 'failed' ? (
            <AlertIcon className={styles.voiceIcon} />
          ) : (
            <Spinner size="sm" />
          )}
          {peaks.length > 0 && <Waveform peaks={peaks} played={0} className={styles.voiceWave} />}
        </div>
      ) : poster ? (
        <img
          className={styles.poster}
          src={poster}
          alt=""
          loading="lazy"
          decoding="async"
          onError={() => setPosterFailed(poster)}
        />
      ) : (
        <Placeholder media={media} />
      )}
      {showPreview && (
        <img
          className={styles.preview}
          data-visible={previewLoaded === preview || undefined}
          src={preview}
          alt=""
          data-testid="recording-preview"
          onLoad={() => setPreviewLoaded(preview)}
          onError={() => setPreviewFailed(preview)}
        />
      )}
      {duration && <span className={styles.duration}>{duration}</span>}
    </div>
  );
}

/** Before there is a picture: a spinner while it is being made, a warning sign if it failed. */
function Placeholder({ media }: { media: Media }) {
  const failed = media.status === 'failed';
  return (
    <div className={styles.placeholder} data-failed={failed || undefined}>
      {failed ? <AlertIcon /> : media.status === 'ready' ? <VideoIcon /> : <Spinner size="sm" />}
    </div>
  );
}
