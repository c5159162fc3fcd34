import type { Media } from '@tidings/contracts';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { type BubbleLayout, rememberBubble, rememberedBubble } from '../../recording/bubble';
import { pickMimeType, type RecordingMode, rememberedDevice } from '../../recording/devices';
import { RecordingSession, type SessionState } from '../../recording/session';
import { useCapture } from '../../recording/useCapture';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { Dialog } from '../../ui/Dialog';
import { createMedia, discardMedia, formatClock, useMaxRecordingMs } from './api';
import { BubbleMover, BubbleSetup } from './BubblePicker';
import bubbleStyles from './BubblePicker.module.css';
import styles from './Media.module.css';
import { DevicePickers, LivePreview, MicMeter, ModePicker, modeLabels } from './RecorderSetup';

interface RecorderDialogProps {
  open: boolean;
  onClose: () => void;
  initialMode?: RecordingMode;
  title?: string;
  /** Start as soon as the microphone is ready (the one-click voice note). */
  autoStart?: boolean;
  /** Offered after stopping: attach the recording to the message being written. */
  onAttach?: (media: Media) => void;
}

export function RecorderDialog({
  open,
  onClose,
  initialMode = 'camera',
  title = '',
  autoStart = false,
  onAttach,
}: RecorderDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={initialMode === 'voice' ? 'Record a voice note' : 'Record'}>
      {open && (
        <Recorder
          initialMode={initialMode}
          title={title}
          autoStart={autoStart}
          onAttach={onAttach}
          onClose={onClose}
        />
      )}
    </Dialog>
  );
}

function Recorder({
  initialMode,
  title,
  autoStart,
  onAttach,
  onClose,
}: Omit<RecorderDialogProps, 'open' | 'initialMode'> & { initialMode: RecordingMode }) {
  const maxMs = useMaxRecordingMs();
  const [mode, setMode] = useState<RecordingMode>(initialMode);
  const [cameraId, setCameraId] = useState(() => rememberedDevice('camera'));
  const [micId, setMicId] = useState(() => rememberedDevice('microphone'));
  const [bubble, setBubbleState] = useState(rememberedBubble);
  const setBubble = (next: BubbleLayout) => {
    rememberBubble(next);
    setBubbleState(next);
  };
  const [countdown, setCountdown] = useState<number | null>(null);
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [session, setSession] = useState<RecordingSession | null>(null);
  const [state, setState] = useState<SessionState | null>(null);
  const sessionRef = useRef<RecordingSession | null>(null);
  const capture = useCapture(true, mode, cameraId, micId, bubble);
  const busy = starting || countdown !== null || state !== null;

  // Closing mid-recording stops it (kept: the upload finishes in the background).
  const closed = useRef(false);
  useEffect(() => {
    closed.current = false;
    return () => {
      closed.current = true;
      const current = sessionRef.current;
      if (current && current.state.phase !== 'stopped') void current.stop().then(() => current.detach());
      else current?.detach();
    };
  }, []);

  const autoStarted = useRef(false);
  useEffect(() => {
    if (!autoStart || autoStarted.current || !capture.ready) return;
    autoStarted.current = true;
    void start();
  });

  async function start() {
    setFailure(null);
    setStarting(true);
    try {
      const mimeType = pickMimeType(mode);
      const stream = await capture.recordable();
      const created = createMedia({
        kind: mode === 'voice' ? 'audio' : 'video',
        source: 'recording',
        mimeType,
        title: title || `${modeLabels[mode]} ${new Date().toLocaleString()}`,
      });
      created.catch(() => undefined);
      for (const n of [3, 2, 1]) {
        setCountdown(n);
        await new Promise((r) => setTimeout(r, 1000));
      }
      setCountdown(null);
      if (closed.current) {
        // Closed during the countdown: nothing was recorded.
        capture.release();
        void created.then((c) => discardMedia(c.media.id));
        return;
      }
      const next = await RecordingSession.start(await created, stream, mimeType, maxMs, setState);
      sessionRef.current = next;
      setSession(next);
      setState(next.state);
    } catch (error) {
      setCountdown(null);
      capture.release();
      setFailure(
        error instanceof DOMException
          ? 'Recording could not start: the screen was not shared.'
          : errorMessage(error),
      );
    } finally {
      setStarting(false);
    }
  }

  async function discard() {
    const current = sessionRef.current;
    sessionRef.current = null;
    setSession(null);
    setState(null);
    capture.release();
    await current?.cancel();
  }

  async function stop() {
    await session?.stop();
    capture.release();
  }

  const phase = state?.phase;
  return (
    <div className={styles.recorder}>
      {!session && (
        <>
          <ModePicker mode={mode} onChange={setMode} disabled={busy} />
          <DevicePickers
            mode={mode}
            cameraId={cameraId}
            micId={micId}
            onCamera={setCameraId}
            onMic={setMicId}
            ready={capture.mic !== null}
            disabled={busy}
          />
          {mode === 'camera' && <LivePreview stream={capture.cam} />}
          {/* The recording shows the camera as a round bubble: so does the preview, at its size. */}
          {mode === 'screen-camera' && (
            <>
              <BubbleSetup layout={bubble} onChange={setBubble} disabled={busy} />
              <LivePreview stream={capture.cam} bubble={bubble.size} />
            </>
          )}
        </>
      )}
      {phase !== 'stopped' && <MicMeter stream={capture.mic} warn={!session} />}
      {(capture.error || failure) && <Alert tone="error">{capture.error ?? failure}</Alert>}
      {countdown !== null && (
        <p className={styles.countdown} role="status" aria-live="assertive">
          Recording in {countdown}
        </p>
      )}

      {!session && countdown === null && (
        <div className={styles.actions}>
          <Button variant="primary" onClick={() => void start()} busy={starting} disabled={!capture.ready}>
            Start recording
          </Button>
        </div>
      )}

      {session && state && phase !== 'stopped' && (
        <>
          {/* People look at themselves while they talk: the camera stays in view (as a bubble
              when the screen is what is being recorded). */}
          {mode === 'camera' && <LivePreview stream={capture.cam} />}
          {mode === 'screen-camera' && (
            <div className={bubbleStyles.selfView}>
              <LivePreview stream={capture.cam} bubble={bubble.size} />
              <BubbleMover corner={bubble.corner} onChange={(corner) => setBubble({ ...bubble, corner })} />
            </div>
          )}
          <p className={styles.timer} role="timer" aria-label="Recording time">
            {formatClock(state.elapsedMs)} <span className={styles.limit}>of {formatClock(maxMs)}</span>
          </p>
          <SavedLine state={state} />
          <div className={styles.actions}>
            {phase === 'recording' ? (
              <Button onClick={() => session.pause()}>Pause</Button>
            ) : (
              <Button onClick={() => session.resume()}>Resume</Button>
            )}
            <Button variant="ghost" onClick={() => void discard()}>
              Cancel
            </Button>
            <Button variant="primary" onClick={() => void stop()}>
              Stop
            </Button>
          </div>
        </>
      )}

      {session && state && phase === 'stopped' && (
        <>
          {state.previewUrl &&
            (session.media.kind === 'audio' ? (
              // biome-ignore lint/a11y/useMediaCaption: a person's own recording, just made; no captions exist yet.
              <audio
                className={styles.previewAudio}
                src={state.previewUrl}
                controls
                aria-label="Your recording"
              />
            ) : (
              // biome-ignore lint/a11y/useMediaCaption: a person's own recording, just made; no captions exist yet.
              <video
                className={styles.live}
                src={state.previewUrl}
                controls
                playsInline
                aria-label="Your recording"
              />
            ))}
          <div className={styles.share}>
            <label htmlFor="share-link">Share link</label>
            <input
              id="share-link"
              readOnly
              value={absolute(session.media.shareUrl)}
              className={styles.shareInput}
            />
            <CopyButton text={absolute(session.media.shareUrl)} />
          </div>
          <SavedLine state={state} />
          <div className={styles.actions}>
            <Button variant="ghost" onClick={() => void discard()}>
              Re-record
            </Button>
            {onAttach ? (
              <Button
                variant="primary"
                onClick={() => {
                  onAttach(session.media);
                  onClose();
                }}
              >
                Attach to message
              </Button>
            ) : (
              <Button variant="primary" onClick={onClose}>
                Done
              </Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

export const absolute = (url: string) => new URL(url, window.location.href).toString();

function SavedLine({ state }: { state: SessionState }) {
  if (state.uploadError)
    return <Alert tone="error">{state.uploadError} Your recording is kept in this browser.</Alert>;
  if (state.uploaded) return <p className={styles.saved}>Saved to server — all of it</p>;
  return (
    <p className={styles.saved} role="status">
      Saved to server up to {formatClock(state.upload.ackedMs)}
      {state.upload.waiting && ' · offline, kept in this browser; will catch up'}
    </p>
  );
}
