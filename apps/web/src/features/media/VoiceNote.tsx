import type { Media } from '@tidings/contracts';
import { useEffect, useState } from 'react';
import { PauseIcon, PlayIcon } from '../../ui/icons';
import { TimelineMarks } from '../moments/TimelineMarks';
import { formatClock, savePosition } from './api';
import styles from './Player.module.css';
import { nextVoiceSpeed, stepSpeed } from './playerKeys';
import { StatusOverlay } from './StatusOverlay';
import { type Captions, CaptionsTrack, useMediaControls } from './useMediaControls';
import { useVolume } from './useVolumePrefs';
import { resamplePeaks, Waveform } from './Waveform';

const BARS = 48;
/** Before the waveform is known (or when there is none): a low flat line. */
const FLAT = Array.from({ length: BARS }, () => 0.15);

/**
 * A voice note inline in the thread: play button, waveform (click to seek), duration and speed.
 * Keys as in the player (k/space, ←/→, j/l, m, < >, 0–9), from the note or its controls.
 */
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
  const durationS = (media.durationMs ?? 0) / 1000;
  const { element, attach, hub, playing, setPlaying, time, setTime, toggle, seekTo, handleKey } =
    useMediaControls<HTMLAudioElement>({ onElement, captions, durationS });
  const [speed, setSpeed] = useState(1);
  useVolume(element);
  useEffect(() => {
    if (!element) return;
    element.preservesPitch = true;
    element.playbackRate = speed;
  }, [element, speed]);
  if (media.status !== 'ready' || !media.playbackUrl) return <StatusOverlay media={media} />;

  const waveform = resamplePeaks(media.waveform, BARS);
  const played = durationS > 0 ? time / durationS : 0;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the keys reach here from the focused controls.
    <div
      className={styles.voice}
      data-player=""
      tabIndex={-1}
      onKeyDown={(e) => handleKey(e, { speed: (step) => setSpeed(stepSpeed(speed, step)) })}
    >
      <button
        type="button"
        className={styles.voicePlay}
        onClick={toggle}
        aria-label={playing ? 'Pause voice note' : 'Play voice note'}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <div className={styles.waveBox}>
        <TimelineMarks marks={hub?.marks} durationMs={durationS * 1000} onSeek={(ms) => seekTo(ms / 1000)} />
        <Waveform peaks={waveform.length > 0 ? waveform : FLAT} played={played} className={styles.waveform} />
        <input
          type="range"
          className={styles.waveSeek}
          aria-label="Seek voice note"
          min={0}
          max={durationS || 0}
          step={0.1}
          value={Math.min(time, durationS || 0)}
          aria-valuetext={`${formatClock(time * 1000)} of ${formatClock(durationS * 1000)}`}
          onChange={(e) => seekTo(Number(e.target.value))}
        />
      </div>
      <span className={styles.time}>{formatClock((playing || time > 0 ? time : durationS) * 1000)}</span>
      <button
        type="button"
        className={styles.voiceSpeed}
        aria-label={`Voice note speed ${speed}×`}
        title="Speed (< >)"
        onClick={() => setSpeed(nextVoiceSpeed(speed))}
      >
        {speed}×
      </button>
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
        <CaptionsTrack captions={captions} />
      </audio>
    </div>
  );
}
