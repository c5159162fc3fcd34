import type { Media } from '@tidings/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isTyping } from '../../app/shortcuts';
import { useMomentsHub } from '../moments/MomentsScope';
import { TimelineMarks } from '../moments/TimelineMarks';
import { formatClock, savePosition } from './api';
import styles from './Media.module.css';
import { type Captions, useCaptionsMode } from './Player';
import { StatusOverlay } from './StatusOverlay';

const BARS = 48;

/** Peaks resampled to a fixed number of bars. */
function bars(peaks: number[] | null): number[] {
  if (!peaks || peaks.length === 0) return Array.from({ length: BARS }, () => 0.15);
  return Array.from({ length: BARS }, (_, i) => {
    const from = Math.floor((i * peaks.length) / BARS);
    const to = Math.max(from + 1, Math.floor(((i + 1) * peaks.length) / BARS));
    return Math.max(0.06, ...peaks.slice(from, to));
  });
}

/** A voice note inline in the thread: play button, waveform (click to seek) and duration. */
export function VoiceNote({
  media,
  startAtMs,
  onElement,
  captions,
}: {
  media: Media;
  /** Start here instead of the remembered position (a search hit's moment). */
  startAtMs?: number | null;
  onElement?: (el: HTMLMediaElement | null) => void;
  captions?: Captions | null;
}) {
  const ref = useRef<HTMLAudioElement>(null);
  const [element, setElement] = useState<HTMLAudioElement | null>(null);
  useCaptionsMode(element, captions);
  // A stable callback ref: an inline one would detach and re-attach on every render.
  const attach = useCallback((el: HTMLAudioElement | null) => {
    ref.current = el;
    setElement(el);
  }, []);
  useEffect(() => onElement?.(element), [element, onElement]);
  const hub = useMomentsHub();
  const registerWithHub = hub?.setElement;
  useEffect(() => {
    registerWithHub?.(element);
    return () => registerWithHub?.(null);
  }, [element, registerWithHub]);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const durationS = (media.durationMs ?? 0) / 1000;
  if (media.status !== 'ready' || !media.playbackUrl) return <StatusOverlay media={media} />;

  const peaks = bars(media.waveform);
  const played = durationS > 0 ? time / durationS : 0;
  const toggle = () => {
    const audio = ref.current;
    if (!audio) return;
    if (audio.paused) void audio.play();
    else audio.pause();
  };
  const seek = (fraction: number) => {
    const audio = ref.current;
    if (!audio) return;
    audio.currentTime = Math.max(0, Math.min(1, fraction)) * (audio.duration || durationS);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: `c` reaches here from the focused controls.
    <div
      className={styles.voice}
      data-player=""
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key !== 'c' || !hub || !ref.current || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey)
          return;
        e.preventDefault();
        hub.startComment(ref.current.currentTime * 1000);
      }}
    >
      <button
        type="button"
        className={styles.voicePlay}
        onClick={toggle}
        aria-label={playing ? 'Pause voice note' : 'Play voice note'}
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <div className={styles.waveBox}>
        <TimelineMarks
          marks={hub?.marks}
          durationMs={durationS * 1000}
          onSeek={(ms) => seek(ms / 1000 / (durationS || 1))}
        />
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
        <input
          type="range"
          className={styles.waveSeek}
          aria-label="Seek voice note"
          min={0}
          max={durationS || 0}
          step={0.1}
          value={Math.min(time, durationS || 0)}
          aria-valuetext={`${formatClock(time * 1000)} of ${formatClock(durationS * 1000)}`}
          onChange={(e) => seek(Number(e.target.value) / (durationS || 1))}
        />
      </div>
      <span className={styles.time}>{formatClock((playing || time > 0 ? time : durationS) * 1000)}</span>
      {/* biome-ignore lint/a11y/useMediaCaption: captions come with the transcript, when there is one. */}
      <audio
        ref={attach}
        src={media.playbackUrl}
        preload="metadata"
        onLoadedMetadata={(e) => {
          // Resume where this person paused last time (not at the very end).
          const at = (startAtMs ?? media.myPositionMs ?? 0) / 1000;
          if (at > 0 && at < e.currentTarget.duration - 0.5) {
            e.currentTarget.currentTime = at;
            setTime(at);
          }
        }}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onPlay={() => setPlaying(true)}
        onPause={(e) => {
          setPlaying(false);
          void savePosition(media.id, e.currentTarget.currentTime * 1000).catch(() => undefined);
        }}
        onEnded={() => setPlaying(false)}
      >
        {captions && (
          <track
            key={captions.src}
            kind="captions"
            src={captions.src}
            srcLang="en"
            label="Transcript"
            default
          />
        )}
      </audio>
    </div>
  );
}
