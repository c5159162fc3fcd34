import { useEffect, useState } from 'react';
import { playableEnd, playableStart, skipTarget } from './playback';

interface Span {
  startMs: number;
  endMs: number;
}

/**
 * The element's current time in ms: from `timeupdate`, and every animation frame while it plays
 * (timeupdate fires only ~4×/s, too coarse to follow words).
 */
export function useMediaClock(el: HTMLMediaElement | null): number {
  const [ms, setMs] = useState(0);
  useEffect(() => {
    if (!el) return;
    let frame = 0;
    const read = () => setMs(el.currentTime * 1000);
    const loop = () => {
      read();
      if (!el.paused) frame = requestAnimationFrame(loop);
    };
    const start = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(loop);
    };
    el.addEventListener('timeupdate', read);
    el.addEventListener('seeked', read);
    el.addEventListener('play', start);
    if (!el.paused) start();
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('timeupdate', read);
      el.removeEventListener('seeked', read);
      el.removeEventListener('play', start);
    };
  }, [el]);
  return ms;
}

const prefKey = (kind: 'audio' | 'video') => `tidings.skipSilences.${kind}`;

/** "Skip silences": on by default for voice notes, off for video; remembered per kind. */
export function useSkipPreference(kind: 'audio' | 'video'): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => {
    const stored = localStorage.getItem(prefKey(kind));
    return stored === null ? kind === 'audio' : stored === '1';
  });
  return [
    on,
    (next) => {
      localStorage.setItem(prefKey(kind), next ? '1' : '0');
      setOn(next);
    },
  ];
}

/**
 * Smart speed while playing: jump over silences (when `skip` is on), start after a leading silence
 * and stop at a trailing one. Returns the playing time saved by skipping, in ms.
 */
export function useSilenceSkipping(
  el: HTMLMediaElement | null,
  silences: readonly Span[],
  skip: boolean,
): number {
  const [savedMs, setSavedMs] = useState(0);
  useEffect(() => {
    if (!el || silences.length === 0) return;
    let frame = 0;
    const durationMs = () => (Number.isFinite(el.duration) ? el.duration * 1000 : 0);
    const tick = () => {
      if (el.paused) return;
      const ms = el.currentTime * 1000;
      const end = playableEnd(silences, durationMs());
      if (end !== null && ms >= end) {
        el.pause();
        return;
      }
      const target = skip ? skipTarget(silences, ms, durationMs()) : null;
      if (target !== null) {
        el.currentTime = target / 1000;
        // Time saved in real (wall-clock) terms depends on the speed being played at.
        setSavedMs((s) => s + (target - ms) / (el.playbackRate || 1));
      }
      frame = requestAnimationFrame(tick);
    };
    const onPlay = () => {
      const start = playableStart(silences);
      if (el.currentTime < 0.05 && start > 0) el.currentTime = start / 1000;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(tick);
    };
    el.addEventListener('play', onPlay);
    if (!el.paused) frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('play', onPlay);
    };
  }, [el, silences, skip]);
  return savedMs;
}

/** The caption cue showing now (for audio, where the browser draws no captions). */
export function useActiveCue(el: HTMLMediaElement | null, version: unknown): string {
  const [text, setText] = useState('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new captions version means a new track
  useEffect(() => {
    const track = el?.textTracks[0];
    if (!track) return;
    const update = () => {
      const cue = track.activeCues?.[0] as VTTCue | undefined;
      setText(cue?.text ?? '');
    };
    track.addEventListener('cuechange', update);
    return () => track.removeEventListener('cuechange', update);
  }, [el, version]);
  return text;
}
