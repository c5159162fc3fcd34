import { useCallback, useEffect, useRef, useState } from 'react';
import { isTyping } from '../../app/shortcuts';
import { useMomentsHub } from '../moments/MomentsScope';
import { playerKeyAction, SLIDER_KEYS } from './playerKeys';

export interface Captions {
  src: string;
  on: boolean;
  onToggle: (on: boolean) => void;
}

/** The captions track follows the CC toggle ("hidden" still tracks cues, for the transcript). */
export function useCaptionsMode(el: HTMLMediaElement | null, captions: Captions | null | undefined) {
  useEffect(() => {
    const track = el?.textTracks[0];
    if (track && captions) track.mode = captions.on ? 'showing' : 'hidden';
  }, [el, captions]);
}

/** The transcript's WebVTT as the element's captions track. */
export function CaptionsTrack({ captions }: { captions: Captions | null | undefined }) {
  if (!captions) return null;
  return (
    <track key={captions.src} kind="captions" src={captions.src} srcLang="en" label="Transcript" default />
  );
}

interface KeyExtras {
  /** `<` / `>`: one step slower or faster. */
  speed?: (step: number) => void;
  /** `f` (video only). */
  fullscreen?: () => void;
}

const hasModifier = (e: React.KeyboardEvent) => e.ctrlKey || e.metaKey || e.altKey;

/**
 * What the player and the voice note share: the native element (handed to `onElement` and to the
 * thread's moments hub), captions mode, play/pause state and time, toggle, seek, and `c` to start a
 * comment at the current moment.
 */
export function useMediaControls<T extends HTMLMediaElement>({
  onElement,
  captions,
  durationS,
}: {
  onElement?: (el: HTMLMediaElement | null) => void;
  captions?: Captions | null;
  /** The duration the server knows, for seeking before the element knows its own. */
  durationS: number;
}) {
  const ref = useRef<T>(null);
  const [element, setElement] = useState<T | null>(null);
  useCaptionsMode(element, captions);
  // A stable callback ref: an inline one would detach and re-attach on every render.
  const attach = useCallback((el: T | null) => {
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

  const toggle = () => {
    const media = ref.current;
    if (!media) return;
    if (media.paused) void media.play();
    else media.pause();
  };
  const seekTo = (seconds: number) => {
    const media = ref.current;
    if (!media) return;
    media.currentTime = Math.max(0, Math.min(seconds, media.duration || durationS));
  };
  /** `c` starts a comment here (inside a thread), from any control but never while typing. */
  const startCommentOnKey = (event: React.KeyboardEvent): boolean => {
    if (event.key !== 'c' || !hub || !ref.current || isTyping(event.target) || hasModifier(event))
      return false;
    event.preventDefault();
    hub.startComment(ref.current.currentTime * 1000);
    return true;
  };

  /**
   * The player's keys (see playerKeys.ts), from the player or any of its controls but never while
   * typing. Handled keys are prevented, so the app's single-key shortcuts (j/k in lists) skip them.
   */
  const handleKey = (event: React.KeyboardEvent, extra: KeyExtras): boolean => {
    if (startCommentOnKey(event)) return true;
    const target = event.target as HTMLElement;
    const media = ref.current;
    if (!media || isTyping(target)) return false;
    // A focused button already clicks on space/enter; toggling here too would undo it.
    if ((event.key === ' ' || event.key === 'Enter') && target.closest('button, a')) return false;
    // A focused slider keeps its own arrows and Home/End.
    if (target instanceof HTMLInputElement && target.type === 'range' && SLIDER_KEYS.has(event.key))
      return false;
    const action = playerKeyAction(event, { paused: media.paused });
    if (!action) return false;
    const duration = Number.isFinite(media.duration) ? media.duration : durationS;
    if (action.type === 'toggle') toggle();
    else if (action.type === 'seekBy') seekTo(media.currentTime + action.seconds);
    else if (action.type === 'seekFraction') seekTo(duration * action.fraction);
    else if (action.type === 'seekEnd') seekTo(duration);
    else if (action.type === 'mute') media.muted = !media.muted;
    else if (action.type === 'speed' && extra.speed) extra.speed(action.step);
    else if (action.type === 'fullscreen' && extra.fullscreen) extra.fullscreen();
    else return false;
    event.preventDefault();
    return true;
  };

  return {
    ref,
    element,
    attach,
    hub,
    playing,
    setPlaying,
    time,
    setTime,
    toggle,
    seekTo,
    startCommentOnKey,
    handleKey,
  };
}
