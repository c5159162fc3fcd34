import type { Media } from '@tidings/contracts';
import { useEffect, useMemo, useState } from 'react';
import { useCurrentSession } from '../../api/session';
import { cx } from '../../lib/cx';
import { formatClock } from '../media/api';
import { Player } from '../media/Player';
import { VoiceNote } from '../media/VoiceNote';
import { captionsDownloadUrl, captionsUrl, useTranscript } from './api';
import { takeInParts } from './playback';
import { TranscriptPanel } from './TranscriptPanel';
import styles from './Transcripts.module.css';
import { useActiveCue, useMediaClock, useSilenceSkipping, useSkipPreference } from './useMediaElement';

interface Props {
  media: Media;
  /** Where to start: a search hit's moment (`?t=`) or the remembered position. */
  startAtMs?: number | null;
  /** Seek here once the media is loaded, even over a remembered position (`?t=`). */
  seekToMs?: number | null;
}

/** A recording with its transcript, captions, smart speed and the time it takes to take in. */
export function MediaWithTranscript({ media, startAtMs, seekToMs }: Props) {
  const session = useCurrentSession();
  const ready = media.status === 'ready' && Boolean(media.playbackUrl);
  const transcript = useTranscript(media.id, ready).data ?? null;
  const [el, setEl] = useState<HTMLMediaElement | null>(null);
  const clockMs = useMediaClock(el);
  const kind = media.kind === 'audio' ? 'audio' : 'video';
  const [skip, setSkip] = useSkipPreference(kind);
  const silences = useMemo(() => transcript?.silences ?? [], [transcript?.silences]);
  const savedMs = useSilenceSkipping(el, silences, skip);
  const [ccOn, setCcOn] = useState(true);
  const done = transcript?.status === 'done' && transcript.words.length > 0;
  const captions = useMemo(
    () => (done ? { src: captionsUrl(media.id, transcript?.updatedAt), on: ccOn, onToggle: setCcOn } : null),
    [done, media.id, transcript?.updatedAt, ccOn],
  );
  const cue = useActiveCue(el, captions?.src);
  useSeekOnce(el, seekToMs);

  const isOwner = media.owner.id === session.user.id;
  const start = seekToMs ?? startAtMs;
  const player =
    kind === 'audio' ? (
      <VoiceNote media={media} startAtMs={start} onElement={setEl} captions={captions} />
    ) : (
      <Player media={media} startAtMs={start} onElement={setEl} captions={captions} canDownload />
    );
  if (!ready) return player;

  const durationMs = media.durationMs ?? 0;
  const takeIn = [formatClock(durationMs), ...takeInParts(durationMs, done ? transcript.words : null)];
  return (
    <div className={cx(styles.layout, kind === 'video' && styles.layoutVideo)} data-media-id={media.id}>
      <div className={styles.columns}>
        <div className={styles.main}>
          {player}
          {kind === 'audio' && captions?.on && cue && (
            <p className={styles.caption} data-testid="caption">
              {cue}
            </p>
          )}
          <div className={styles.toolbar}>
            <span className={styles.takeIn}>{takeIn.join(' · ')}</span>
            {silences.length > 0 && (
              <button
                type="button"
                className={styles.toggle}
                aria-pressed={skip}
                onClick={() => setSkip(!skip)}
              >
                Skip silences
              </button>
            )}
            {skip && savedMs >= 1000 && (
              <span className={styles.saved}>Skipping silences saved {formatClock(savedMs)}</span>
            )}
            {captions && kind === 'audio' && (
              <button
                type="button"
                className={styles.toggle}
                aria-label="Captions"
                aria-pressed={captions.on}
                onClick={() => setCcOn(!ccOn)}
              >
                CC
              </button>
            )}
            {captions && (
              <a className={styles.download} href={captionsDownloadUrl(media.id)} download>
                Download captions (.vtt)
              </a>
            )}
          </div>
        </div>
        {transcript && (
          <TranscriptPanel
            mediaId={media.id}
            transcript={transcript}
            el={el}
            clockMs={clockMs}
            isOwner={isOwner}
          />
        )}
      </div>
    </div>
  );
}

/** `?t=`: seek to that moment once the element knows its duration. */
function useSeekOnce(el: HTMLMediaElement | null, ms: number | null | undefined) {
  useEffect(() => {
    if (!el || ms == null) return;
    const seek = () => {
      el.currentTime = ms / 1000;
    };
    if (el.readyState >= 1) seek();
    else el.addEventListener('loadedmetadata', seek, { once: true });
    return () => el.removeEventListener('loadedmetadata', seek);
  }, [el, ms]);
}
