import { useEffect, useState } from 'react';

const VOLUME_KEY = 'tidings.player.volume';
const MUTED_KEY = 'tidings.player.muted';
const REMAINING_KEY = 'tidings.player.remaining';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or a full store: the choice just isn't remembered.
  }
}

function storedVolume(): number {
  const v = Number(read(VOLUME_KEY));
  return read(VOLUME_KEY) !== null && Number.isFinite(v) ? Math.max(0, Math.min(1, v)) : 1;
}

/**
 * Volume and mute, remembered across recordings: applied to the element when it attaches, and
 * followed through `volumechange` so the slider, the mute button and the `m` key agree.
 */
export function useVolume(el: HTMLMediaElement | null) {
  const [volume, setVolumeState] = useState(storedVolume);
  const [muted, setMutedState] = useState(() => read(MUTED_KEY) === '1');

  useEffect(() => {
    if (!el) return;
    el.volume = storedVolume();
    el.muted = read(MUTED_KEY) === '1';
    const sync = () => {
      setVolumeState(el.volume);
      setMutedState(el.muted);
      write(VOLUME_KEY, String(el.volume));
      write(MUTED_KEY, el.muted ? '1' : '0');
    };
    sync();
    el.addEventListener('volumechange', sync);
    return () => el.removeEventListener('volumechange', sync);
  }, [el]);

  const setVolume = (v: number) => {
    if (!el) return;
    el.volume = v;
    // Dragging the slider up is a clear wish to hear it.
    if (v > 0 && el.muted) el.muted = false;
  };
  const toggleMute = () => {
    if (el) el.muted = !el.muted;
  };
  return { volume, muted, setVolume, toggleMute };
}

/** Elapsed or remaining time, as the viewer last chose. */
export function useRemainingPreference(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => read(REMAINING_KEY) === '1');
  return [
    on,
    (next: boolean) => {
      setOn(next);
      write(REMAINING_KEY, next ? '1' : '0');
    },
  ];
}
