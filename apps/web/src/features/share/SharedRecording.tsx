import type { SharedMedia } from '@tidings/contracts';
import { useCallback, useMemo, useState } from 'react';
import { Player } from '../media/Player';
import { TranscriptPanel } from '../transcripts/TranscriptPanel';
import { useMediaClock } from '../transcripts/useMediaElement';
import { asPlayable } from './api';
import styles from './Share.module.css';
import { useWatchReports } from './useWatchReports';

const BARS = 64;

/** Peaks resampled to a fixed number of bars (voice notes). */
function bars(peaks: number[] | null): number[] {
  if (!peaks || peaks.length === 0) return [];
  return Array.from({ length: BARS }, (_, i) => {
    const from = Math.floor((i * peaks.length) / BARS);
    const to = Math.max(from + 1, Math.floor(((i + 1) * peaks.length) / BARS));
    return Math.max(0.06, ...peaks.slice(from, to));
  });
}

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
  const peaks = media.kind === 'audio' ? bars(media.waveform) : [];
  const durationMs = media.durationMs ?? 0;
  const played = durationMs > 0 ? Math.min(1, clockMs / durationMs) : 0;

  return (
    <div className={styles.recording} data-media-id={media.id}>
      <div className={styles.recordingMain}>
        {peaks.length > 0 && (
          <svg
            className={styles.waveform}
            viewBox={`0 0 ${BARS * 4} 40`}
            preserveAspectRatio="none"
            aria-hidden="true"
            data-testid="waveform"
          >
            {peaks.map((peak, i) => {
              const h = Math.max(2, peak * 38);
              return (
                <rect
                  // biome-ignore lint/suspicious/noArrayIndexKey: bars are positional and never reorder.
                  key={i}
                  x={i * 4 + 0.5}
                  y={20 - h / 2}
                  width={3}
                  height={h}
                  rx={1}
                  className={i / BARS < played ? styles.barPlayed : styles.bar}
                />
              );
            })}
          </svg>
        )}
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
