import type { Media } from '@tidings/contracts';
import { useEffect, useRef, useState } from 'react';
import {
  FullscreenIcon,
  MutedIcon,
  PauseIcon,
  PictureInPictureIcon,
  PlayIcon,
  VolumeIcon,
} from '../../ui/icons';
import { TimelineMarks } from '../moments/TimelineMarks';
import { formatClock, savePosition } from './api';
import styles from './Player.module.css';
import { PlayerMenu, usePictureInPicture } from './PlayerMenu';
import { downloadName, remainingClock, SPEEDS, stepSpeed } from './playerKeys';
import { StatusOverlay } from './StatusOverlay';
import { type Captions, CaptionsTrack, useMediaControls } from './useMediaControls';
import { useRemainingPreference, useVolume } from './useVolumePrefs';

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
  /** Offer the file for download: members only (a share link's viewers stream it). */
  canDownload?: boolean;
}

/**
 * The video/audio player: native element, own controls (play, seek, elapsed or remaining time,
 * speed with pitch kept, mute and volume remembered, captions, picture-in-picture, full screen,
 * download for members), the keyboard in playerKeys.ts, and the position remembered.
 * Inside a thread (a moments scope) it also shows comment and reaction marks on the timeline,
 * and `c` starts a comment at the current time.
 */
export function Player({ media, startAtMs, remember = true, onElement, captions, canDownload }: PlayerProps) {
  const [duration, setDuration] = useState((media.durationMs ?? 0) / 1000);
  const { ref, element, attach, hub, playing, setPlaying, time, setTime, toggle, seekTo, handleKey } =
    useMediaControls<HTMLVideoElement>({ onElement, captions, durationS: duration });
  const box = useRef<HTMLElement>(null);
  const [speed, setSpeed] = useState(1);
  const { volume, muted, setVolume, toggleMute } = useVolume(element);
  const [showRemaining, setShowRemaining] = useRemainingPreference();
  const isAudio = media.kind === 'audio';
  const pip = usePictureInPicture(isAudio ? null : element);
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

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void box.current?.requestFullscreen().catch(() => undefined);
  };
  const onKey = (event: React.KeyboardEvent) =>
    handleKey(event, {
      speed: (step) => setSpeed(stepSpeed(speed, step)),
      fullscreen: isAudio ? undefined : toggleFullscreen,
    });
  const download =
    canDownload && media.playbackUrl
      ? { href: media.playbackUrl, fileName: downloadName(media.title, media.mimeType) }
      : null;

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
        <button
          type="button"
          className={styles.timeToggle}
          data-testid="player-time"
          aria-pressed={showRemaining}
          title={showRemaining ? 'Show time played' : 'Show time left'}
          onClick={() => setShowRemaining(!showRemaining)}
        >
          {showRemaining ? (
            <>
              {remainingClock(time, duration, speed)}
              <span className="visually-hidden"> left</span>
            </>
          ) : (
            `${formatClock(time * 1000)} / ${formatClock(duration * 1000)}`
          )}
        </button>
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
        <button
          type="button"
          className={styles.control}
          aria-label="Mute"
          aria-pressed={muted}
          title="Mute (m)"
          onClick={toggleMute}
        >
          {muted ? <MutedIcon /> : <VolumeIcon />}
        </button>
        <input
          type="range"
          className={styles.volume}
          aria-label="Volume"
          min={0}
          max={1}
          step={0.05}
          value={muted ? 0 : volume}
          aria-valuetext={`${Math.round((muted ? 0 : volume) * 100)} %`}
          onChange={(e) => setVolume(Number(e.target.value))}
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
        {pip.supported && (
          <button
            type="button"
            className={`${styles.control} ${styles.wideOnly}`}
            aria-label="Picture in picture"
            aria-pressed={pip.inPip}
            title="Picture in picture"
            onClick={pip.toggle}
          >
            <PictureInPictureIcon />
          </button>
        )}
        {!isAudio && (
          <button
            type="button"
            className={styles.control}
            aria-label="Full screen"
            title="Full screen (f)"
            onClick={toggleFullscreen}
          >
            <FullscreenIcon />
          </button>
        )}
        <PlayerMenu download={download} pip={pip.supported ? pip : null} />
      </div>
    </section>
  );
}
