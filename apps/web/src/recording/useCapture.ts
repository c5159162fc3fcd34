import { useCallback, useEffect, useRef, useState } from 'react';
import type { BubbleLayout } from './bubble';
import { camera, composite, microphone, type RecordingMode, screen, stopAll } from './devices';

export interface Capture {
  mic: MediaStream | null;
  cam: MediaStream | null;
  error: string | null;
  /** The streams this mode needs are live. */
  ready: boolean;
  /** Builds the stream to record (asks for the screen in screen modes; call from a click). */
  recordable(): Promise<MediaStream>;
  /** Stops the screen/compositor made for the last recording. */
  release(): void;
}

const needsCamera = (mode: RecordingMode) => mode === 'camera' || mode === 'screen-camera';

function describe(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError')
    return 'Tidings may not use your camera or microphone. Allow it in the browser and try again.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'That camera or microphone was not found. Pick another one.';
  if (name === 'NotReadableError') return 'Another app is using your camera or microphone.';
  return 'Could not start your camera or microphone.';
}

/**
 * The live preview streams for the chosen mode and devices, while `active`. `bubble` may change
 * while recording: the compositor reads the latest one every frame.
 */
export function useCapture(
  active: boolean,
  mode: RecordingMode,
  cameraId: string,
  micId: string,
  bubble: BubbleLayout,
): Capture {
  const [mic, setMic] = useState<MediaStream | null>(null);
  const [cam, setCam] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  const extra = useRef<{ screen: MediaStream | null; stop: (() => void) | null }>({
    screen: null,
    stop: null,
  });
  const bubbleNow = useRef(bubble);
  bubbleNow.current = bubble;

  useEffect(() => {
    if (!active) return;
    let live = true;
    let stream: MediaStream | null = null;
    setError(null);
    microphone(micId).then(
      (s) => {
        if (live) {
          stream = s;
          setMic(s);
        } else stopAll(s);
      },
      (e) => live && setError(describe(e)),
    );
    return () => {
      live = false;
      stopAll(stream);
      setMic(null);
    };
  }, [active, micId]);

  const wantsCamera = active && needsCamera(mode);
  useEffect(() => {
    if (!wantsCamera) return;
    let live = true;
    let stream: MediaStream | null = null;
    camera(cameraId, mode === 'screen-camera').then(
      (s) => {
        if (live) {
          stream = s;
          setCam(s);
        } else stopAll(s);
      },
      (e) => live && setError(describe(e)),
    );
    return () => {
      live = false;
      stopAll(stream);
      setCam(null);
    };
  }, [wantsCamera, cameraId, mode]);

  const release = useCallback(() => {
    extra.current.stop?.();
    stopAll(extra.current.screen);
    extra.current = { screen: null, stop: null };
  }, []);

  useEffect(() => release, [release]);

  return {
    mic,
    cam,
    error,
    ready: mic !== null && (!needsCamera(mode) || cam !== null),
    release,
    async recordable() {
      release();
      const audio = mic?.getAudioTracks() ?? [];
      if (mode === 'voice') return new MediaStream(audio);
      if (needsCamera(mode) && !cam) throw new Error('The camera is not ready yet.');
      if (mode === 'camera') return new MediaStream([...(cam?.getVideoTracks() ?? []), ...audio]);
      const shown = await screen();
      extra.current.screen = shown;
      if (mode === 'screen' || !cam) return new MediaStream([...shown.getVideoTracks(), ...audio]);
      const mixed = composite(shown, cam, () => bubbleNow.current);
      extra.current.stop = mixed.stop;
      return new MediaStream([...mixed.stream.getVideoTracks(), ...audio]);
    },
  };
}
