import type { SharedMedia } from '@tidings/contracts';
import { useCallback, useMemo, useState } from 'react';
import { Player } from '../media/Player';
import { resamplePeaks, Waveform } from '../media/Waveform';
import { TranscriptPanel } from '../transcripts/TranscriptPanel';
import { useMediaClock } from '../transcripts/useMediaElement';
import { asPlayable } from './api';
import styles from './Share.module.css';
import { useWatchReports } from './useWatchReports';

const BARS = 64;

interface Props {
  token: string;
  media: SharedMedia;
  /** Tells the comment form which recording and moment the viewer is at. */
  onElement?: (mediaId: string, el: HTMLMediaElement | null) => void;
}

/**
 * One recording for a link viewer: the app's player (no remembered position: that is a member
 * API), captions, the transcript beside or below with click-to-seek, a waveform for voice.
 */
export function SharedRecording({ token, media, onElement }: Props) {
  const [el, setEl] = useState<HTMLMediaElement | null>(null);
  const [ccOn, setCcOn] = useState(true);
  const clockMs = useMediaClock(el);
  useWatchReports(token, media.id, el);
  const playable = useMemo(() => asPlayable(media), [media]);
  const captions = useMemo(
    () => (media.captionsUrl ? { src: media.captionsUrl, on: ccOn, onToggle: setCcOn } : null),
    [media.captionsUrl, ccOn],
  );
  const attach = useCallback(
    (next: HTMLMediaElement | null) => {
      setEl(next);
      onElement?.(media.id, next);
    },
    [media.id, onElement],
  );
  const peaks = media.kind === 'audio' ? resamplePeaks(media.waveform, BARS) : [];
  const durationMs = media.durationMs ?? 0;
  const played = durationMs > 0 ? Math.min(1, clockMs / durationMs) : 0;

  return (
    <div className={styles.recording} data-media-id={media.id}>
      <div className={styles.recordingMain}>
        {peaks.length > 0 && <Waveform peaks={peaks} played={played} className={styles.waveform} />}
        <Player media={playable} remember={false} onElement={attach} captions={captions} />
      </div>
      {media.transcript && (
        <div className={styles.transcript}>
          <TranscriptPanel
            mediaId={media.id}
            transcript={media.transcript}
            el={el}
            clockMs={clockMs}
            isOwner={false}
          />
        </div>
      )}
    </div>
  );
}
