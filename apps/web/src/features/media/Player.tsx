import type { Media } from '@tidings/contracts';
import { useEffect, useRef, useState } from 'react';
import { FullscreenIcon, PauseIcon, PlayIcon } from '../../ui/icons';
import { TimelineMarks } from '../moments/TimelineMarks';
import { formatClock, savePosition } from './api';
import styles from './Media.module.css';
import { StatusOverlay } from './StatusOverlay';
import { type Captions, CaptionsTrack, useMediaControls } from './useMediaControls';

const SPEEDS = [1, 1.25, 1.5, 1.75, 2, 2.5];
const SAVE_EVERY_MS = 5000;

interface PlayerProps {
  media: Media;
  /** Where this person stopped last time (ms), when known. */
  startAtMs?: number | null;
  /** Remember the position on the server (signed-in viewers). */
  remember?: boolean;
  /** The native element, for the transcript panel and smart speed beside the player. */
  onElement?: (el: HTMLMediaElement | null) => void;
  /** WebVTT captions from the transcript, with the CC toggle's state. */
  captions?: Captions | null;
}

/**
 * The video/audio player: native element, own controls (play, seek, speed with pitch kept,
 * volume, fullscreen), keyboard (space, ←/→ 5 s, < > speed), and the position remembered.
 * Inside a thread (a moments scope) it also shows comment and reaction marks on the timeline,
 * and `c` starts a comment at the current time.
 */
export function Player({ media, startAtMs, remember = true, onElement, captions }: PlayerProps) {
  const [duration, setDuration] = useState((media.durationMs ?? 0) / 1000);
  const { ref, element, attach, hub, playing, setPlaying, time, setTime, toggle, seekTo, startCommentOnKey } =
    useMediaControls<HTMLVideoElement>({ onElement, captions, durationS: duration });
  const box = useRef<HTMLElement>(null);
  const [speed, setSpeed] = useState(1);
  const [volume, setVolume] = useState(1);
  const lastSaved = useRef(0);
  const ready = media.status === 'ready' && media.playbackUrl;

  const save = (force = false) => {
    const video = ref.current;
    if (!remember || !video) return;
    const now = Date.now();
    if (!force && now - lastSaved.current < SAVE_EVERY_MS) return;
    lastSaved.current = now;
    void savePosition(media.id, video.currentTime * 1000).catch(() => undefined);
  };

  useEffect(() => {
    if (element) element.playbackRate = speed;
  }, [element, speed]);

  if (!ready) return <StatusOverlay media={media} />;

  const changeSpeed = (step: number) => {
    const i = SPEEDS.indexOf(speed) + step;
    setSpeed(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, i))] ?? 1);
  };

  function onKey(event: React.KeyboardEvent) {
    // `c` works from any control of the player, the seek bar included.
    if (startCommentOnKey(event)) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, select')) return;
    // A focused button already clicks on space/enter; toggling here too would undo it.
    if ((event.key === ' ' || event.key === 'Enter') && target.closest('button')) return;
    const video = ref.current;
    if (!video) return;
    if (event.key === ' ' || event.key === 'k') toggle();
    else if (event.key === 'ArrowLeft') seekTo(video.currentTime - 5);
    else if (event.key === 'ArrowRight') seekTo(video.currentTime + 5);
    else if (event.key === '<') changeSpeed(-1);
    else if (event.key === '>') changeSpeed(1);
    else return;
    event.preventDefault();
  }

  const isAudio = media.kind === 'audio';
  return (
    <section
      ref={box}
      className={isAudio ? styles.playerAudio : styles.player}
      onKeyDown={onKey}
      aria-label={`Player: ${media.title || 'recording'}`}
      data-player=""
      tabIndex={-1}
    >
      {/* biome-ignore lint/a11y/useMediaCaption: captions come with the transcript, when there is one. */}
      <video
        ref={attach}
        className={isAudio ? styles.hiddenVideo : styles.video}
        src={media.playbackUrl ?? undefined}
        poster={media.posterUrl ?? undefined}
        preload="metadata"
        playsInline
        onClick={toggle}
        onLoadedMetadata={(e) => {
          const video = e.currentTarget;
          if (Number.isFinite(video.duration)) setDuration(video.duration);
          video.preservesPitch = true;
          video.playbackRate = speed;
          if (startAtMs && startAtMs / 1000 < video.duration - 1) video.currentTime = startAtMs / 1000;
        }}
        onTimeUpdate={(e) => {
          setTime(e.currentTarget.currentTime);
          save();
        }}
        onPlay={() => setPlaying(true)}
        onPause={() => {
          setPlaying(false);
          save(true);
        }}
        onEnded={() => setPlaying(false)}
      >
        <CaptionsTrack captions={captions} />
      </video>
      <div className={styles.controls}>
        <button
          type="button"
          className={styles.control}
          onClick={toggle}
          aria-label={playing ? 'Pause' : 'Play'}
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <div className={hub ? styles.seekBoxMarked : styles.seekBox}>
          <TimelineMarks marks={hub?.marks} durationMs={duration * 1000} onSeek={(ms) => seekTo(ms / 1000)} />
          <input
            type="range"
            className={styles.seek}
            aria-label="Seek"
            min={0}
            max={duration || 0}
            step={0.1}
            value={Math.min(time, duration || 0)}
            onChange={(e) => seekTo(Number(e.target.value))}
            aria-valuetext={`${formatClock(time * 1000)} of ${formatClock(duration * 1000)}`}
          />
        </div>
        <span className={styles.time}>
          {formatClock(time * 1000)} / {formatClock(duration * 1000)}
        </span>
        <label className={styles.speed}>
          <span className="visually-hidden">Speed</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <input
          type="range"
          className={styles.volume}
          aria-label="Volume"
          min={0}
          max={1}
          step={0.05}
          value={volume}
          onChange={(e) => {
            const v = Number(e.target.value);
            setVolume(v);
            if (ref.current) ref.current.volume = v;
          }}
        />
        {captions && (
          <button
            type="button"
            className={styles.control}
            aria-label="Captions"
            aria-pressed={captions.on}
            onClick={() => captions.onToggle(!captions.on)}
          >
            CC
          </button>
        )}
        {!isAudio && (
          <button
            type="button"
            className={styles.control}
            aria-label="Full screen"
            onClick={() => {
              if (document.fullscreenElement) void document.exitFullscreen();
              else void box.current?.requestFullscreen().catch(() => undefined);
            }}
          >
            <FullscreenIcon />
          </button>
        )}
      </div>
    </section>
  );
}
