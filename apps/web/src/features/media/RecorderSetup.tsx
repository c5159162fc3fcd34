import { useEffect, useId, useRef, useState } from 'react';
import type { BubbleSize } from '../../recording/bubble';
import { listDevices, type RecordingMode, rememberDevice } from '../../recording/devices';
import { useMicLevel } from '../../recording/levelMeter';
import { Alert } from '../../ui/Alert';
import { SelectField } from '../../ui/SelectField';
import styles from './Media.module.css';

export const modeLabels: Record<RecordingMode, string> = {
  camera: 'Camera',
  screen: 'Screen',
  'screen-camera': 'Screen and camera',
  voice: 'Voice note',
};

interface ModePickerProps {
  mode: RecordingMode;
  onChange: (mode: RecordingMode) => void;
  disabled: boolean;
}

export function ModePicker({ mode, onChange, disabled }: ModePickerProps) {
  const name = useId();
  return (
    <fieldset className={styles.modes} disabled={disabled}>
      <legend className="visually-hidden">What to record</legend>
      {(Object.keys(modeLabels) as RecordingMode[]).map((value) => (
        <label key={value} className={styles.mode}>
          <input
            type="radio"
            name={name}
            value={value}
            checked={mode === value}
            onChange={() => onChange(value)}
          />
          {modeLabels[value]}
        </label>
      ))}
    </fieldset>
  );
}

interface DevicePickersProps {
  mode: RecordingMode;
  cameraId: string;
  micId: string;
  onCamera: (id: string) => void;
  onMic: (id: string) => void;
  /** Re-list once streams started: labels appear only after permission was granted. */
  ready: boolean;
  disabled: boolean;
}

export function DevicePickers({
  mode,
  cameraId,
  micId,
  onCamera,
  onMic,
  ready,
  disabled,
}: DevicePickersProps) {
  const [devices, setDevices] = useState<{ cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[] }>({
    cameras: [],
    microphones: [],
  });
  useEffect(() => {
    if (!ready) return;
    void listDevices().then(setDevices, () => undefined);
  }, [ready]);
  const showCamera = mode === 'camera' || mode === 'screen-camera';
  return (
    <div className={styles.devices}>
      {showCamera && (
        <SelectField
          label="Camera"
          value={cameraId}
          disabled={disabled}
          onChange={(e) => {
            rememberDevice('camera', e.target.value);
            onCamera(e.target.value);
          }}
        >
          <option value="">Default camera</option>
          {devices.cameras.map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {d.label || `Camera ${i + 1}`}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField
        label="Microphone"
        value={micId}
        disabled={disabled}
        onChange={(e) => {
          rememberDevice('microphone', e.target.value);
          onMic(e.target.value);
        }}
      >
        <option value="">Default microphone</option>
        {devices.microphones.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || `Microphone ${i + 1}`}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** The live level, and the warning before recording when nothing is heard. */
export function MicMeter({ stream, warn }: { stream: MediaStream | null; warn: boolean }) {
  const { level, silent } = useMicLevel(stream);
  return (
    <>
      <div className={styles.meterRow}>
        <span id="mic-level-label">Microphone</span>
        <meter className={styles.meter} aria-labelledby="mic-level-label" min={0} max={1} value={level} />
      </div>
      {warn && silent && stream && (
        <Alert tone="warning" title="We can't hear you — check your microphone">
          It may be muted, switched off, or the wrong one is picked.
        </Alert>
      )}
    </>
  );
}

/** The camera (or nothing) while setting up; with `bubble`, the round self-view of that size. */
export function LivePreview({ stream, bubble }: { stream: MediaStream | null; bubble?: BubbleSize }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream]);
  if (!stream) return null;
  return (
    <video
      ref={ref}
      className={bubble ? styles.liveBubble : styles.live}
      data-size={bubble}
      muted
      playsInline
      aria-label="Camera preview"
    />
  );
}
